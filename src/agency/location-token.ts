import { readTokenResponse, tokenSetFromResponse } from '../auth/token-response.js';
import type { TokenSet } from '../auth/token-set.js';
import { GHLResponseError, rememberSecrets } from '../errors.js';
import type { Requester } from '../http/requester.js';

/**
 * `POST /oauth/locationToken` (docs/ghl-api.md §1.4; spec/apps/oauth.json): a location's access
 * token, minted with the company token. Called only by the location's TokenManager, inside its
 * single-flight and its store lock, so a location is minted once however many calls wait for it.
 *
 * The request goes through the company client's requester: the company token is its bearer, and a
 * stale or refused company token is refreshed there (one refresh per company, whatever the number
 * of locations minting). A replay is harmless (GHL hands out another token; the first one is never
 * used), so the mint is retried like an idempotent call.
 */
export function locationTokenMinter(company: { requester: Requester; companyId: string; now: () => number }, locationId: string): () => Promise<TokenSet> {
  return async () => {
    const body = await company.requester.send({
      method: 'POST',
      path: '/oauth/locationToken',
      form: { companyId: company.companyId, locationId },
      version: '2021-07-28',
      idempotent: true,
    });
    const record = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const accessToken = record['access_token'];
    const refreshToken = record['refresh_token'];
    rememberSecrets(typeof accessToken === 'string' ? accessToken : undefined, typeof refreshToken === 'string' ? refreshToken : undefined);
    const read = readTokenResponse(body);
    if (!read) throw new GHLResponseError(`GHL's POST /oauth/locationToken answered without a usable access_token for location "${locationId}"`, undefined);
    const minted = read.response.locationId;
    if (minted !== undefined && minted !== locationId) {
      throw new GHLResponseError(`GHL's POST /oauth/locationToken answered with a token for location "${minted}" when "${locationId}" was asked for; it was not stored`, undefined);
    }
    // No `previous`: a minted set never inherits an older refresh token (the v2 answer has none; a
    // later one may, and then it is this set's own).
    const tokens = tokenSetFromResponse(read.response, company.now());
    return { ...tokens, userType: 'Location', locationId, companyId: read.response.companyId ?? company.companyId };
  };
}
