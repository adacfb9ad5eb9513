import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { GHLApiError, GHLConfigError, GHLError, GHLReauthRequiredError, GHLValidationError } from 'ghl-sdk';

export interface ErrorBody {
  success: false;
  error: 'validation_failed' | 'reauth_required' | 'not_configured' | 'ghl_error' | 'internal_error';
  message: string;
  /** Which input fields were wrong (validation errors only). */
  fields?: string[];
  /** GHL's trace id, to quote to GHL support. */
  traceId?: string;
}

/**
 * Maps an error to the HTTP answer: bad input → 400 naming the fields; GHL no longer accepts our
 * refresh token → 503 telling an admin to re-run OAuth; missing configuration → 503; anything else
 * GHL-related → 502. SDK messages are already free of tokens; anything that is not an SDK error
 * gets a generic message, since its text is unknown.
 */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof GHLValidationError) {
    return { status: 400, body: { success: false, error: 'validation_failed', message: error.message, fields: [...new Set(error.issues.map((issue) => issue.path))] } };
  }
  if (error instanceof GHLReauthRequiredError) {
    return {
      status: 503,
      body: { success: false, error: 'reauth_required', message: 'GHL no longer accepts our authorization: an admin must re-run OAuth (GET /api/integrations/ghl/oauth/start).' },
    };
  }
  if (error instanceof GHLConfigError) {
    return { status: 503, body: { success: false, error: 'not_configured', message: `GHL is not configured (missing: ${error.missing.join(', ') || 'see the server log'})` } };
  }
  if (error instanceof GHLError) {
    const traceId = error instanceof GHLApiError ? error.traceId : undefined;
    return { status: 502, body: { success: false, error: 'ghl_error', message: `${error.name}: ${error.message}`, ...(traceId ? { traceId } : {}) } };
  }
  return { status: 500, body: { success: false, error: 'internal_error', message: 'Internal error' } };
}
