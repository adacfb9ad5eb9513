import { GHLConnectionError, GHLServerError } from '../../errors.js';

/**
 * What to do after a create that may have reached GHL failed. The transport's own hint says "use an
 * upsert", but an opportunity upsert without an `id` creates again (the spec names nothing GHL could
 * match it by), so the safe next step for an opportunity is to look before creating again.
 */
const SAFE_RETRY =
  'GHL may have processed it, so it was not replayed. Safe retry: look for it first with ghl.opportunities.search({ contactId, pipelineId }) or search({ query: name }), and create it again only if it is not there';

/**
 * Rewords the error of a create that may have reached GHL: a dropped connection, a timeout (both
 * `GHLConnectionError`) or a 5xx (`GHLServerError`); the class, cause and fields stay. A failure the
 * transport proved never left this machine (it was replayed, or says nothing about processing) and
 * every other error pass unchanged.
 */
export function withSafeRetry(error: unknown): unknown {
  if (error instanceof GHLConnectionError && error.message.includes('not replayed')) {
    error.message = error.message.replace(/; GHL may have processed it.*$/, `; ${SAFE_RETRY}`);
  } else if (error instanceof GHLServerError) {
    error.message = `${error.message} (${SAFE_RETRY})`;
  }
  return error;
}
