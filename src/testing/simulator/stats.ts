/** What the simulator saw. One live object per simulator: `resetStats()` zeroes it in place. */
export interface GHLSimulatorStats {
  /** Every `POST /oauth/token` received, whatever its outcome (faults included). */
  tokenRequests: number;
  /** Successful `refresh_token` grants (a new pair was minted and the old refresh token killed). */
  refreshGrants: number;
  /** Successful `authorization_code` grants. */
  codeGrants: number;
  /** `invalid_grant` answers sent by the token endpoint (reused/unknown/revoked tokens, used codes, injected). */
  invalidGrants: number;
  /** Every request other than `POST /oauth/token` and the consent page, whatever its outcome. */
  apiRequests: number;
  /** 401 answers sent. */
  unauthorized: number;
  /** 429 answers sent. */
  rateLimited: number;
  /**
   * Requests per route pattern, e.g. `'POST /contacts/'`, `'GET /contacts/:contactId'`,
   * `'POST /oauth/token'`; an unknown route counts under its literal `'METHOD /path'`.
   */
  byRoute: Record<string, number>;
  /** Location tokens minted by `POST /oauth/locationToken`, per location id. */
  locationTokenMints: Record<string, number>;
}

export function createStats(): GHLSimulatorStats {
  return { tokenRequests: 0, refreshGrants: 0, codeGrants: 0, invalidGrants: 0, apiRequests: 0, unauthorized: 0, rateLimited: 0, byRoute: {}, locationTokenMints: {} };
}

/** Zeroes in place, so references handed out earlier stay live. */
export function resetStats(stats: GHLSimulatorStats): void {
  Object.assign(stats, createStats(), { byRoute: stats.byRoute, locationTokenMints: stats.locationTokenMints });
  for (const key of Object.keys(stats.byRoute)) delete stats.byRoute[key];
  for (const key of Object.keys(stats.locationTokenMints)) delete stats.locationTokenMints[key];
}
