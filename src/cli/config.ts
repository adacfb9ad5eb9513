import type { GHLCompanyClient } from '../agency/company-client.js';
import { companyKey, isCompanyKey } from '../agency/keys.js';
import { GHLClient } from '../client.js';
import { FileTokenStore } from '../stores/file.js';
import { GHLConfigError } from '../errors.js';
import { ENV, readEnv, type GHLClientOptions } from '../options.js';
import { DurableEnvTokenStore } from '../stores/durable-env.js';
import type { CliIO } from './output.js';

/**
 * The CLI's token store: the same `DurableEnvTokenStore` that `GHLClient.fromEnv()` uses, rooted at
 * the CLI's working directory, so an app and `ghl` in one folder share one token file and agree on
 * which refresh token is current. A CLI run is a short process: without a durable copy, the
 * refresh token GHL rotates on the first refresh would be gone at exit.
 */
export function cliTokenStore(io: CliIO, tokenFileFlag: string | undefined, locationId: string | undefined): DurableEnvTokenStore {
  return new DurableEnvTokenStore({ env: io.env, locationId, cwd: io.cwd, tokenFile: tokenFileFlag });
}

export interface LoadedClient {
  ghl: GHLClient;
  store: DurableEnvTokenStore;
}

/**
 * A client from the GHL_* variables plus the durable token copy. Throws one `GHLConfigError`
 * naming every missing variable (`GHLClient.fromEnv` rules, with saved tokens counting as
 * present) before anything is sent.
 */
export async function loadClient(io: CliIO, tokenFileFlag: string | undefined, overrides: GHLClientOptions = {}): Promise<LoadedClient> {
  const { env } = io;
  const locationId = readEnv(env, ENV.locationId);
  const store = cliTokenStore(io, tokenFileFlag, locationId);
  // Without a location the store answers for any key with the env seed: still tells whether tokens exist.
  const tokens = await store.get(locationId ?? '');

  const missing: string[] = [];
  if (locationId === undefined) missing.push(ENV.locationId);
  // No tokens, or OAuth tokens: refreshing needs the app's credentials. A PIT alone needs nothing else.
  if (!tokens || tokens.refreshToken) {
    if (readEnv(env, ENV.clientId) === undefined) missing.push(ENV.clientId);
    if (readEnv(env, ENV.clientSecret) === undefined) missing.push(ENV.clientSecret);
  }
  if (!tokens) missing.push(ENV.refreshToken);
  if (missing.length > 0 || locationId === undefined) {
    throw new GHLConfigError(
      `Missing GHL configuration: ${missing.join(', ')}. Set ${ENV.locationId} and either ${ENV.clientId} + ${ENV.clientSecret} + ${ENV.refreshToken} (OAuth; or run \`ghl auth\` to save tokens in ${store.path}) or ${ENV.accessToken} (a Private Integration Token).`,
      { missing },
    );
  }
  return { ghl: new GHLClient({ ...overrides, env, locationId, tokenStore: store }), store };
}

/** Where the tokens are kept, for people. */
export function describeStore(store: DurableEnvTokenStore): string {
  return store.kind === 'envFile' ? `${store.path} (the dotenv file in ${ENV.envFile})` : store.path;
}

export interface LoadedCompanyClient {
  company: GHLCompanyClient;
  store: DurableEnvTokenStore;
}

/**
 * An agency's client (`GHL_COMPANY_ID`) over the CLI's token file, where `ghl auth --company` saved
 * the company token under `company:<companyId>` and minted location tokens go next to it. Throws one
 * `GHLConfigError` naming every missing variable before anything is sent.
 */
export async function loadCompanyClient(io: CliIO, tokenFileFlag: string | undefined): Promise<LoadedCompanyClient> {
  const { env } = io;
  const companyId = readEnv(env, ENV.companyId);
  if (readEnv(env, ENV.envFile) !== undefined) {
    throw new GHLConfigError(`${ENV.envFile} holds one token set, and an agency keeps one per location: unset it and use the token file (--token-file or ${ENV.tokenFile})`);
  }
  const store = cliTokenStore(io, tokenFileFlag, companyId === undefined ? undefined : companyKey(companyId));
  const tokens = companyId === undefined ? null : await store.get(companyKey(companyId));
  const missing: string[] = [ENV.companyId, ENV.clientId, ENV.clientSecret].filter((name) => readEnv(env, name) === undefined);
  if (!tokens) missing.push(ENV.refreshToken);
  if (missing.length > 0 || companyId === undefined) {
    throw new GHLConfigError(
      `Missing GHL configuration: ${missing.join(', ')}. An agency needs ${ENV.companyId}, ${ENV.clientId}, ${ENV.clientSecret} and the company's tokens (run \`ghl auth --company\` to save them in ${store.path}, or set ${ENV.refreshToken}).`,
      { missing },
    );
  }
  return { company: GHLClient.forCompany({ env, companyId, tokenStore: store }), store };
}

/**
 * How many of the agency's locations hold tokens in the CLI's token file. Read from the file alone:
 * a JSON token file keeps other servers' tokens under `<key>@<server>` (DurableEnvTokenStore).
 */
export async function locationsWithTokens(store: DurableEnvTokenStore, companyId: string): Promise<number> {
  if (store.kind !== 'tokenFile') return 0;
  const keys = new Set((await new FileTokenStore({ path: store.path }).keys()).map((key) => key.split('@')[0] ?? key));
  let count = 0;
  for (const base of keys) {
    if (isCompanyKey(base)) continue;
    const tokens = await store.get(base);
    if (tokens?.userType === 'Location' && tokens.companyId === companyId && tokens.locationId === base) count++;
  }
  return count;
}
