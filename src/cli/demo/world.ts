import type { TokenSet } from '../../auth/token-set.js';
import { GHLClient } from '../../client.js';
import type { FetchLike } from '../../options.js';
import { MemoryTokenStore } from '../../stores/memory.js';
import { createGHLSimulator } from '../../testing/simulator/server.js';
import { describeStore, loadClient } from '../config.js';
import type { CliIO } from '../output.js';

/** Access-token lifetime in the simulated world: short, so the story crosses several expiries. */
export const DEMO_TOKEN_TTL_MS = 2_000;

/** What the demo plugs into the client it runs on. */
export interface DemoHooks {
  fetch: FetchLike;
  onTokensRefreshed: (tokens: TokenSet) => void;
}

/** Where the story runs: the embedded simulator, or real GHL with `--live`. */
export interface DemoWorld {
  mode: 'simulator' | 'live';
  ghl: GHLClient;
  baseUrl: string;
  /** Where the tokens are kept, in words. */
  tokenHome: string;
  /** The refresh token before the story starts (to fingerprint the first rotation). */
  initialRefreshToken: string | undefined;
  /** The clock the client decides expiry by. */
  now: () => number;
  /** Lets time pass without waiting (simulator only: real GHL tokens live 24 h). */
  advance?: (ms: number) => void;
  /** GHL expires every access token early, so the next call meets a 401 (simulator only). */
  expireAccessTokens?: () => void;
  /** The server's live refresh token is the one in the store: nothing was lost (simulator only). */
  storeInSync?: () => Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The simulator with a clock the demo moves by hand, shared by the simulator and the client, so
 * "2.5 s later" costs no real time. Tokens live in memory: nothing is written to disk.
 */
export async function createSimulatedWorld(hooks: DemoHooks): Promise<DemoWorld> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const sim = await createGHLSimulator({ accessTokenTtlMs: DEMO_TOKEN_TTL_MS, now });
  const installed = sim.issueTokens();
  const store = new MemoryTokenStore({ [sim.locationId]: installed });
  const ghl = new GHLClient({
    // An empty env: the user's GHL_* variables must not leak into the simulated run.
    env: {},
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    locationId: sim.locationId,
    tokenStore: store,
    // The default 5-minute skew would refresh before every call with 2 s tokens.
    refreshSkewMs: 250,
    now,
    ...hooks,
  });
  return {
    mode: 'simulator',
    ghl,
    baseUrl: sim.url,
    tokenHome: 'a MemoryTokenStore',
    initialRefreshToken: installed.refreshToken,
    now,
    advance: (ms) => {
      offset += ms;
    },
    expireAccessTokens: () => sim.expireAccessTokens(),
    storeInSync: async () => (await store.get(sim.locationId))?.refreshToken === sim.currentRefreshToken(),
    close: () => sim.close(),
  };
}

/** Real GHL, configured like every `ghl` command (GHL_* variables and the token file). */
export async function createLiveWorld(io: CliIO, tokenFileFlag: string | undefined, hooks: DemoHooks): Promise<DemoWorld> {
  const { ghl, store } = await loadClient(io, tokenFileFlag, hooks);
  const status = await ghl.status();
  return {
    mode: 'live',
    ghl,
    baseUrl: status.baseUrl,
    tokenHome: describeStore(store),
    initialRefreshToken: (await store.get(ghl.locationId))?.refreshToken,
    now: Date.now,
    close: async () => {},
  };
}
