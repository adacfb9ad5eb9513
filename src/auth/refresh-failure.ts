import { describeGhlMessage, GHLApiError, GHLConnectionError, GHLReauthRequiredError, GHLServerError } from '../errors.js';

/**
 * A refresh that failed for a passing reason — no response, a timeout, a 5xx, a 429 — may succeed
 * later. While the current access token is still valid, calls can go on with it meanwhile (the
 * original integration's fallback).
 */
export function isTransientRefreshFailure(error: unknown): boolean {
  return error instanceof GHLConnectionError || error instanceof GHLServerError || (error instanceof GHLApiError && error.status === 429);
}

/**
 * Whether GHL rejected the refresh token itself (`invalid_grant`), as opposed to the app's
 * credentials (`invalid_client`: a process with a wrong secret must not declare a shared token dead
 * for every other process). GHL's error body for a spent token is not documented (docs/ghl-api.md
 * §1.3): an OAuth `error` code is trusted when there is one, else the message must name the grant.
 */
export function isRefreshTokenRejection(error: unknown): boolean {
  if (!(error instanceof GHLReauthRequiredError) || !(error.cause instanceof GHLApiError)) return false;
  const body = error.cause.body;
  const code = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : undefined;
  if (typeof code === 'string') return code === 'invalid_grant';
  return /refresh.?token|grant/i.test(describeGhlMessage(body) ?? '');
}
