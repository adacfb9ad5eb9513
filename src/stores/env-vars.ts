import type { TokenSet } from '../auth/token-set.js';
import { ENV } from '../options.js';
import { tokenFingerprint, type EnvSeed } from './env-seed.js';

/** The variables a token set is kept in, wherever env-style variables live (an env object or a .env file). */
export const TOKEN_VARS = [ENV.accessToken, ENV.refreshToken, ENV.expiresAt, ENV.tokenRotated] as const;

type TokenVars = Record<(typeof TOKEN_VARS)[number], string | undefined>;

/**
 * Reads a token set from GHL_ACCESS_TOKEN / GHL_REFRESH_TOKEN / GHL_TOKEN_EXPIRES_AT. `read` must
 * treat blank as missing (`GHL_REFRESH_TOKEN=` in a .env is no token). Null when neither token is set.
 */
export function tokensFromVars(read: (name: string) => string | undefined): TokenSet | null {
  const accessToken = read(ENV.accessToken);
  const refreshToken = read(ENV.refreshToken);
  if (!accessToken && !refreshToken) return null;
  const expiresAt = parseExpiresAt(read(ENV.expiresAt));
  // A refresh token alone (the original integration's setup) reads as an empty access token with
  // no expiry: the first call refreshes, and nothing claims the token expired in 1970.
  const tokens: TokenSet = { accessToken: accessToken ?? '' };
  if (refreshToken) tokens.refreshToken = refreshToken;
  if (expiresAt !== undefined && accessToken) tokens.expiresAt = expiresAt;
  return tokens;
}

/** The token set in the variables, and whether the SDK wrote it there (its rotation marker matches). */
export function envSeedFromVars(read: (name: string) => string | undefined): EnvSeed | null {
  const tokens = tokensFromVars(read);
  if (!tokens) return null;
  const marker = read(ENV.tokenRotated);
  return { tokens, fromRotation: marker !== undefined && marker === tokenFingerprint(tokens) };
}

/**
 * The variables for a token set; `undefined` means "unset" (a Private Integration Token has no
 * refresh token, an unknown expiry has no GHL_TOKEN_EXPIRES_AT). Expiry is written in epoch ms. The
 * rotation marker goes with every refresh token the SDK writes.
 */
export function varsFromTokens(tokens: TokenSet): TokenVars {
  return {
    [ENV.accessToken]: tokens.accessToken,
    [ENV.refreshToken]: tokens.refreshToken || undefined,
    [ENV.expiresAt]: tokens.expiresAt === undefined ? undefined : String(tokens.expiresAt),
    [ENV.tokenRotated]: tokens.refreshToken ? tokenFingerprint(tokens) : undefined,
  };
}

/** Writes a token set into an env object (`undefined` values are removed, not set to "undefined"). */
export function writeTokenVars(env: Record<string, string | undefined>, tokens: TokenSet | null): void {
  const vars: Partial<TokenVars> = tokens ? varsFromTokens(tokens) : {};
  for (const name of TOKEN_VARS) {
    const value = vars[name];
    if (value === undefined) delete env[name];
    else env[name] = value;
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
