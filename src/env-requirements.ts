import { existsSync } from 'node:fs';
import { GHLConfigError } from './errors.js';
import { ENV, readEnv } from './options.js';
import { DurableEnvTokenStore } from './stores/durable-env.js';
import type { TokenStore } from './stores/token-store.js';

export interface EnvRequirements {
  /** Missing, and nothing can stand in for them: `fromEnv()` throws. */
  required: string[];
  /** Missing, but tokens the store may already hold make them unnecessary: checked at the first call. */
  unlessStored: string[];
}

/**
 * What `GHLClient.fromEnv()` needs from the environment: `GHL_LOCATION_ID`, and either
 * `GHL_CLIENT_ID` + `GHL_CLIENT_SECRET` + `GHL_REFRESH_TOKEN` (OAuth) or `GHL_ACCESS_TOKEN` alone (a
 * Private Integration Token). With no token in the env, the store may hold them, and its contents
 * cannot be read synchronously, so:
 * - a store passed in may hold anything: only `GHL_LOCATION_ID` is demanded now;
 * - the default store's durable copy exists (`ghl auth` or an earlier rotation wrote it): it holds
 *   OAuth tokens, so only `GHL_REFRESH_TOKEN` is waived;
 * - otherwise nothing can be stored: everything missing is demanded.
 * The rest is checked against the store at the first call (a `GHLConfigError` naming them then).
 */
export function envRequirements(env: Record<string, string | undefined>, store: TokenStore | undefined, storePassedIn: boolean): EnvRequirements {
  const has = (name: string) => readEnv(env, name) !== undefined;
  const missing: string[] = [];
  if (!has(ENV.locationId)) missing.push(ENV.locationId);
  const privateIntegrationToken = has(ENV.accessToken) && !has(ENV.refreshToken);
  if (!privateIntegrationToken) for (const name of [ENV.clientId, ENV.clientSecret, ENV.refreshToken]) if (!has(name)) missing.push(name);

  const tokenInEnv = has(ENV.accessToken) || has(ENV.refreshToken);
  if (tokenInEnv) return { required: missing, unlessStored: [] };
  if (storePassedIn) return split(missing, (name) => name === ENV.locationId);
  if (store instanceof DurableEnvTokenStore && existsSync(store.path)) return split(missing, (name) => name !== ENV.refreshToken);
  return { required: missing, unlessStored: [] };
}

function split(missing: string[], isRequired: (name: string) => boolean): EnvRequirements {
  return { required: missing.filter(isRequired), unlessStored: missing.filter((name) => !isRequired(name)) };
}

/** `fromEnv()`'s one error naming every missing variable. */
export function missingEnvError(missing: string[], tokenFile: string | undefined): GHLConfigError {
  const saved = tokenFile ? `; or run \`ghl auth\` to save tokens in ${tokenFile}` : '';
  return new GHLConfigError(
    `Missing GHL configuration: ${missing.join(', ')}. Set ${ENV.locationId} and either ${ENV.clientId} + ${ENV.clientSecret} + ${ENV.refreshToken} (OAuth${saved}) or ${ENV.accessToken} (a Private Integration Token).`,
    { missing },
  );
}

/**
 * A `tokenStore` option must be a store: caught at construction, not as a `TypeError` at the first
 * call. `get` and `set` are required; `delete` and `withLock`, when present, must be functions.
 */
export function requireTokenStore(store: unknown): asserts store is TokenStore {
  const record = store !== null && typeof store === 'object' ? (store as Record<string, unknown>) : undefined;
  const wrong = [
    ...['get', 'set'].filter((method) => typeof record?.[method] !== 'function'),
    ...['delete', 'withLock'].filter((method) => record?.[method] !== undefined && typeof record[method] !== 'function'),
  ];
  if (wrong.length > 0) {
    throw new GHLConfigError(
      `tokenStore must be a TokenStore: an object with get(key) and set(key, tokens) methods, and optionally delete(key) and withLock(key, fn) (wrong or missing: ${wrong.map((method) => `tokenStore.${method}`).join(', ')})`,
      { missing: wrong.map((method) => `tokenStore.${method}`) },
    );
  }
}
