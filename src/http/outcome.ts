import { isHTTPError, isTimeoutError } from 'ky';
import { createApiError, errorCode, GHLConnectionError, GHLError, GHLResponseError, GHLTimeoutError, type GHLApiError } from '../errors.js';
import { abortError } from './abort.js';
import type { Call } from './call.js';
import { readRetryAfterMs } from './rate-limit.js';
import type { RequestSpec, TransportResponse } from './request.js';

// Error codes that prove the request never left this machine, so even a create may be replayed.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** True when the failure proves the request never reached the server. */
export function neverSent(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NEVER_SENT_CODES.has(code);
}

/** The call's last response, its body parsed. A 2xx body that is not JSON is a `GHLResponseError`. */
export function toResponse(call: Call): TransportResponse {
  const { status, headers, text } = call.response as NonNullable<Call['response']>;
  return { status, headers, body: parseBody(call, status, text) };
}

/** The typed error for a non-2xx response; credentials GHL echoes are masked (src/errors.ts). */
export function toApiError(spec: RequestSpec, response: TransportResponse, retryAfterMs?: number, note?: string): GHLApiError {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return createApiError({ status: response.status, body: response.body, headers, method: spec.method, path: spec.path, retryAfterMs, note });
}

/** Whatever ended the call, as a `GHLError`: no ky error, and no `Request` (its Authorization header), leaves the transport. */
export function toError(call: Call, error: unknown, now: number): GHLError {
  if (error instanceof GHLError) return error;
  // The caller's own abort first: its reason may be a TimeoutError too (AbortSignal.timeout()),
  // but it is not our timeoutMs that ran out.
  if (call.signal?.aborted) return abortError(call.what, call.signal);
  if (isHTTPError(error)) {
    const { status } = error.response;
    const retryAfterMs = status === 429 ? readRetryAfterMs(error.response.headers, now) : undefined;
    // A 5xx may come after GHL processed the request: a resource that named the safe next step
    // (`RequestSpec.nextStep`) gets it said, with why the call was not replayed.
    const note = status >= 500 && call.spec.nextStep !== undefined ? maybeProcessedHint(call) : undefined;
    return toApiError(call.spec, toResponse(call), retryAfterMs, note);
  }
  if (isTimeoutError(error)) return new GHLTimeoutError(`${call.what} timed out after ${call.timeoutMs} ms${maybeProcessedHint(call)}`, { cause: error });
  const code = errorCode(error);
  const reason = code ?? (error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
  return new GHLConnectionError(`${call.what} failed: no response (${reason})${neverSent(error) ? '' : maybeProcessedHint(call)}`, { cause: error });
}

/** A short, credential-free account of a failed attempt for log lines (never ky's message: it holds the URL). */
export function describeFailure(error: unknown): string {
  if (isHTTPError(error)) return `answered ${error.response.status}`;
  if (isTimeoutError(error)) return 'timed out';
  return `no response (${errorCode(error) ?? (error instanceof Error ? error.name : 'error')})`;
}

function maybeProcessedHint(call: Call): string {
  return call.idempotent ? '' : `; GHL may have processed it, so it was not replayed (${call.spec.nextStep ?? 'use an upsert to retry safely'})`;
}

function parseBody(call: Call, status: number, text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    if (status < 200 || status >= 300) return text.slice(0, 2000);
    // A form request is the token endpoint: its body may hold fresh tokens, so it is never kept.
    const { form } = call.spec;
    throw new GHLResponseError(`${call.what} answered ${status} with a body that is not JSON`, form ? undefined : text.slice(0, 500), { cause: form ? undefined : cause });
  }
}
