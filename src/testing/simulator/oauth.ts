import type { ResolvedOptions } from './options.js';
import type { GHLSimulatorStats } from './stats.js';
import type { MintedPair, TokenRegistry } from './tokens.js';
import { json, type SimRequest, type SimResponse } from './wire.js';

/** The token endpoint's route pattern (ghl-api.md §1.2). */
export const TOKEN_ROUTE = 'POST /oauth/token';

/** The body GHL-style servers send for a spent, unknown or revoked refresh token (ghl-api.md §1.3 GUESS: OAuth style). */
export const INVALID_REFRESH_GRANT = { error: 'invalid_grant', error_description: 'Invalid grant: refresh token is invalid' } as const;

/**
 * `POST /oauth/token` (ghl-api.md §1.2): form-encoded only, no Version header, client credentials in
 * the body, `authorization_code` (single-use codes) and `refresh_token` (single-use, rotating) grants.
 */
export function handleTokenRequest(
  request: SimRequest,
  deps: { options: ResolvedOptions; registry: TokenRegistry; stats: GHLSimulatorStats },
): SimResponse {
  const contentType = request.headers['content-type'] ?? '';
  // The v2 spec lists only form encoding for this endpoint; JSON bodies were the cause of real
  // integrations failing the code exchange (ghl-api.md §9, item 3), so the simulator refuses them.
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return json(400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
  }
  const form = new URLSearchParams(request.body);
  const { options, registry, stats } = deps;
  if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
    return json(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  }

  const grantType = form.get('grant_type');
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return json(400, { error: 'invalid_request', error_description: 'refresh_token is required' });
    const pair = registry.rotate(refreshToken);
    if (!pair) return json(400, INVALID_REFRESH_GRANT);
    stats.refreshGrants++;
    return json(200, tokenResponse(pair));
  }
  if (grantType === 'authorization_code') {
    const code = form.get('code');
    if (!code) return json(400, { error: 'invalid_request', error_description: 'code is required' });
    const pair = registry.redeemCode(code, form.get('redirect_uri') ?? undefined);
    if (!pair) return json(400, { error: 'invalid_grant', error_description: 'Invalid grant: authorization code is invalid' });
    stats.codeGrants++;
    return json(200, tokenResponse(pair));
  }
  // `client_credentials` is in the spec's enum but documented nowhere (ghl-api.md §1.2): unsupported here.
  return json(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code or refresh_token' });
}

/** `GetAccessCodeSuccessfulResponseDto`; `locationId` only for sub-account tokens (ghl-api.md §1.2). */
function tokenResponse(pair: MintedPair): Record<string, unknown> {
  return {
    access_token: pair.accessToken,
    token_type: 'Bearer',
    expires_in: pair.expiresInSeconds,
    refresh_token: pair.refreshToken,
    scope: pair.scope,
    userType: pair.userType,
    ...(pair.locationId === undefined ? {} : { locationId: pair.locationId }),
    companyId: pair.companyId,
    userId: pair.userId,
    ...(pair.install ?? {}),
  };
}
