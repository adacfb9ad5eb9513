// `request()` of both clients: any GHL endpoint, checked, then sent like the typed resources' calls.
import { GHLValidationError } from './errors.js';
import type { Requester } from './http/requester.js';
import type { CallOptions, HttpMethod, QueryValue } from './http/transport.js';

/** `ghl.request(...)`: any GHL endpoint with the SDK's token, retry and error handling. */
export interface GHLRequest {
  method: HttpMethod;
  /** Path below the base URL, e.g. `/calendars/` or `/opportunities/search`. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** JSON body. */
  body?: unknown;
  /** `Version` header for this endpoint. Default: the client's `apiVersion` (calendars and conversations use `2021-04-15`). */
  version?: string | undefined;
  /** Whether a retry after a possible delivery is safe. Default: true for GET, PUT, DELETE. */
  idempotent?: boolean | undefined;
}

export async function sendRawRequest<T>(requester: Requester, request: GHLRequest, call: CallOptions | undefined): Promise<T> {
  const issues = [];
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(request?.method)) issues.push({ path: 'method', message: 'must be GET, POST, PUT, PATCH or DELETE' });
  if (typeof request?.path !== 'string' || !request.path.startsWith('/')) issues.push({ path: 'path', message: 'must be a path starting with "/"' });
  if (issues.length > 0) throw new GHLValidationError(`Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  const { method, path, query, body, version, idempotent } = request;
  return (await requester.send({ method, path, query, body, version, idempotent }, call)) as T;
}
