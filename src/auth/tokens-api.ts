import type { TokenSet } from './token-set.js';

/** What `ghl.tokens.status()` reports. Never contains a token. */
export interface TokenStatus {
  /** The store key (the location id). */
  key: string;
  /** Tokens exist for this key. */
  hasTokens: boolean;
  /** A refresh token exists (false for a Private Integration Token). */
  refreshable: boolean;
  /** The access token is usable right now (not known to be expired). */
  accessTokenValid: boolean;
  /**
   * GHL rejected the refresh token (`invalid_grant`): calls go on with the access token until
   * `expiresAt`, and someone must re-run the OAuth flow before then.
   */
  refreshTokenRejected: boolean;
  /** Epoch ms, when known. */
  expiresAt: number | undefined;
  /** Milliseconds left, when known (negative once expired). */
  expiresInMs: number | undefined;
}

/** `ghl.tokens`: token access for code that needs it. */
export interface GHLTokens {
  /** A usable access token, refreshed first when the client's policy says so. */
  getAccessToken(): Promise<string>;
  /** Refreshes now (rotating the refresh token, saved before this resolves) and returns the new set. */
  refresh(): Promise<TokenSet>;
  /** What is stored for this location, read without refreshing. Never contains a token. */
  status(): Promise<TokenStatus>;
  /** Fresh headers for code that calls GHL itself: `Authorization`, `Version`, `Accept`. */
  authHeaders(): Promise<{ Authorization: string; Version: string; Accept: string }>;
}
