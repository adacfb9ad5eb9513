import { ENV, readEnv } from '../options.js';
import { DurableEnvTokenStore } from './durable-env.js';
import { EnvTokenStore } from './env.js';
import type { TokenStore } from './token-store.js';

export interface DefaultTokenStoreOptions {
  env: Record<string, string | undefined>;
  locationId: string;
  /** The client's base URL: tokens are kept per GHL server (see `DurableEnvTokenStoreOptions.issuer`). */
  baseUrl: string;
}

/**
 * The store a client uses when given none (`GHLClient.fromEnv()` and `new GHLClient()` alike).
 *
 * - The real process environment (`process.env`), or any env naming `GHL_ENV_FILE` / `GHL_TOKEN_FILE`:
 *   a `DurableEnvTokenStore` — seeded from the env, rotations saved to `GHL_ENV_FILE`, else
 *   `GHL_TOKEN_FILE`, else `./.ghl/tokens.json`.
 * - Any other env object (tests, config loaded into an object): an `EnvTokenStore` over it, memory
 *   only (the client warns once at the first rotation). File locations are derived from the
 *   process — its environment and working directory — never guessed for an object we were handed.
 *
 * A `.env` in the working directory is never rewritten unless `GHL_ENV_FILE` names it: it may be
 * checked in, generated, mounted read-only, or not the file the environment came from.
 */
export function defaultTokenStore({ env, locationId, baseUrl }: DefaultTokenStoreOptions): TokenStore {
  const named = readEnv(env, ENV.envFile) !== undefined || readEnv(env, ENV.tokenFile) !== undefined;
  if (env === process.env || named) return new DurableEnvTokenStore({ env, locationId, issuer: baseUrl });
  return new EnvTokenStore({ env, locationId });
}
