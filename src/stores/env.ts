import type { TokenSet } from '../auth/token-set.js';
import { GHLConfigError } from '../errors.js';
import { ENV, readEnv } from '../options.js';
import type { TokenStore } from './token-store.js';

export interface EnvTokenStoreOptions {
  /** The environment to read and write. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /**
   * The one location these variables belong to. Default: `GHL_LOCATION_ID` from `env`. Other keys
   * read as empty, so `ghl.location(other)` never borrows this location's token.
   */
  locationId?: string | undefined;
}

/**
 * Tokens in environment variables — GHL_ACCESS_TOKEN, GHL_REFRESH_TOKEN, GHL_TOKEN_EXPIRES_AT — as
 * the original integration kept them. Refreshed tokens are written back into the same env object.
 * That is memory only: a restart re-reads the deployment's (now spent) refresh token.
 */
export class EnvTokenStore implements TokenStore {
  readonly env: Record<string, string | undefined>;
  readonly locationId: string | undefined;

  constructor(options: EnvTokenStoreOptions = {}) {
    this.env = options.env ?? process.env;
    this.locationId = options.locationId ?? readEnv(this.env, ENV.locationId);
  }

  async get(key: string): Promise<TokenSet | null> {
    if (this.locationId !== undefined && key !== this.locationId) return null;
    const accessToken = readEnv(this.env, ENV.accessToken);
    const refreshToken = readEnv(this.env, ENV.refreshToken);
    if (!accessToken && !refreshToken) return null;
    const expiresAt = parseExpiresAt(readEnv(this.env, ENV.expiresAt));
    // A refresh token alone (the original integration's setup) reads as an empty, expired access
    // token, so the first call refreshes.
    const tokens: TokenSet = { accessToken: accessToken ?? '' };
    if (refreshToken) tokens.refreshToken = refreshToken;
    if (expiresAt !== undefined && accessToken) tokens.expiresAt = expiresAt;
    if (!accessToken) tokens.expiresAt = 0;
    return tokens;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    if (this.locationId !== undefined && key !== this.locationId) {
      throw new GHLConfigError(`EnvTokenStore holds tokens for location "${this.locationId}" only, not "${key}": use a MemoryTokenStore, FileTokenStore or RedisTokenStore for several locations`);
    }
    this.env[ENV.accessToken] = tokens.accessToken;
    if (tokens.refreshToken) this.env[ENV.refreshToken] = tokens.refreshToken;
    else delete this.env[ENV.refreshToken];
    if (tokens.expiresAt !== undefined) this.env[ENV.expiresAt] = String(tokens.expiresAt);
    else delete this.env[ENV.expiresAt];
  }

  async delete(key: string): Promise<void> {
    if (this.locationId !== undefined && key !== this.locationId) return;
    delete this.env[ENV.accessToken];
    delete this.env[ENV.refreshToken];
    delete this.env[ENV.expiresAt];
  }
}

/** Accepts epoch ms, epoch seconds or an ISO date; anything else counts as unknown (so: refresh). */
export function parseExpiresAt(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) {
    const value = Number(raw);
    return value < 1e12 ? value * 1000 : value;
  }
  const date = Date.parse(raw);
  return Number.isFinite(date) ? date : undefined;
}
