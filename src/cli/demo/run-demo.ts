import { randomUUID } from 'node:crypto';
import type { TokenSet } from '../../auth/token-set.js';
import { EXIT, type ExitCode } from '../exit.js';
import { aligned, humanDuration, type CliIO, type Output } from '../output.js';
import { fingerprint } from './fingerprint.js';
import { Narrator } from './narrator.js';
import { DEMO_TAG, tellStory } from './story.js';
import { WireTap } from './wire-tap.js';
import { createLiveWorld, createSimulatedWorld, DEMO_TOKEN_TTL_MS, type DemoWorld } from './world.js';

export interface DemoOptions {
  /** Run against real GHL (GHL_* variables and the token file) instead of the embedded simulator. */
  live: boolean;
  tokenFile: string | undefined;
}

/**
 * The quickstart demo (`npm run demo`, `ghl demo`): runs the story, narrating every call, refresh
 * and rotation (refresh tokens only as fingerprints), then the figures that matter: API calls,
 * token requests, and invalid_grant, which must be 0. Exit 1 if it is not, or if the store lost
 * the live refresh token.
 */
export async function runDemo(io: CliIO, out: Output, options: DemoOptions): Promise<ExitCode> {
  const started = performance.now();
  const narrator = new Narrator(out);
  const tap = new WireTap((event) => narrator.record(event));
  let world: DemoWorld | undefined;
  let lastRefreshToken = '(none)';
  let rotations = 0;
  const onTokensRefreshed = (tokens: TokenSet) => {
    const to = fingerprint(tokens.refreshToken);
    const expiresInMs = tokens.expiresAt === undefined || !world ? undefined : tokens.expiresAt - world.now();
    narrator.record({ kind: 'rotation', from: lastRefreshToken, to, expiresInMs });
    lastRefreshToken = to;
    rotations++;
  };
  const hooks = { fetch: tap.fetch, onTokensRefreshed };
  world = options.live ? await createLiveWorld(io, options.tokenFile, hooks) : await createSimulatedWorld(hooks);
  try {
    lastRefreshToken = fingerprint(world.initialRefreshToken);
    introduce(narrator, world, lastRefreshToken);
    const runId = randomUUID().slice(0, 8);
    const { simulatedMs } = await tellStory(world, narrator, runId);
    const storeInSync = world.storeInSync ? await world.storeInSync() : undefined;
    const durationMs = Math.round(performance.now() - started);
    const totals = { ...tap.totals, refreshes: rotations };
    const ok = totals.invalidGrants === 0 && storeInSync !== false;

    narrator.say();
    narrator.say(`Summary (${humanDuration(durationMs)} real time${simulatedMs > 0 ? `, ${humanDuration(simulatedMs)} simulated` : ''})`);
    const count = (n: number) => String(n).padStart(3);
    const rows: Array<[string, string]> = [
      ['API calls', `${count(totals.apiCalls)}${totals.unauthorized > 0 ? `  (${totals.unauthorized} answered 401: the SDK refreshed once and replayed)` : ''}`],
      ['token requests', `${count(totals.tokenRequests)}  (${rotations} refreshes, each one rotating the refresh token)`],
      ['invalid_grant', count(totals.invalidGrants)],
    ];
    if (storeInSync !== undefined) {
      rows.push(['store in sync', storeInSync ? `yes: it holds the simulator's live refresh token ${lastRefreshToken}` : 'NO: the store lost the live refresh token']);
    }
    for (const row of aligned(rows)) narrator.say(row);
    if (world.mode === 'live') narrator.say(`The test contacts are tagged "${DEMO_TAG}": delete them in GHL when done.`);

    out.result({
      ok,
      mode: world.mode,
      baseUrl: world.baseUrl,
      locationId: world.ghl.locationId,
      runId,
      steps: narrator.steps,
      notes: narrator.interludes,
      totals,
      storeInSync,
      simulatedMs,
      durationMs,
    });
    return ok ? EXIT.ok : EXIT.failure;
  } finally {
    await world.close();
  }
}

function introduce(narrator: Narrator, world: DemoWorld, refreshToken: string): void {
  if (world.mode === 'simulator') {
    narrator.say(`ghl-sdk demo: contacts and user sync against the embedded GHL simulator at ${world.baseUrl}`);
    narrator.say(`Access tokens live ${humanDuration(DEMO_TOKEN_TTL_MS)} here (24 h on real GHL); the clock is simulated, so expiries cost no real time.`);
  } else {
    narrator.say(`ghl-sdk demo against real GHL at ${world.baseUrl}, location ${world.ghl.locationId}`);
  }
  narrator.say(`Tokens live in ${world.tokenHome}; refresh token ${refreshToken}. Refresh tokens are shown as fingerprints (8 hex digits of SHA-256), never in full.`);
}
