import type { RequestPriority } from '../rate-limit/budget.js';
import { GHLValidationError } from '../errors.js';
import { MAX_TIMER_MS } from '../options.js';
import { abortError, followSignal } from './abort.js';
import { validateCallOptions, type CallOptions } from './call-options.js';
import { isIdempotent, type AttemptGate, type RequestContext, type RequestSpec } from './request.js';

// What fetch accepts in a header value (RFC 9110 field-value): a line break would be a TypeError
// at send time, which must not pass for a network failure (nor be retried).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function isHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value);
}

/** One call's state, from its checks to its outcome; the ky hooks share it through ky's `context` option. */
export interface Call {
  spec: RequestSpec;
  /** `GHL GET /contacts/x`: how messages name the call. */
  what: string;
  idempotent: boolean;
  /** Follows the caller's signal (see `followSignal`). */
  signal: AbortSignal | undefined;
  /** Stops following the caller's signal: called once the call is over. */
  endSignal: () => void;
  /** The per-attempt timeout. */
  timeoutMs: number;
  /** Where the call queues for the rate-limit window. */
  priority: RequestPriority;
  context: RequestContext;
  /** The rate-limit slot taken for the attempt about to be sent; `fetchAttempt` gives it back. */
  slot: { limiter: AttemptGate; ticket: unknown } | undefined;
  /** The token the latest attempt sent. */
  token: string | undefined;
  /** The token the next attempt must send (the 401 replay's), instead of asking the TokenManager. */
  replayToken: string | undefined;
  /** Retries ky had made when the latest attempt was sent. */
  retryCount: number;
  /** The latest attempt's response, body read. */
  response: { status: number; headers: Headers; text: string } | undefined;
  /** A wait GHL asked for that ky cannot read itself (the rate-limit window of a 429 without Retry-After). */
  waitHintMs: number | undefined;
}

const noFollower = () => {};

/** Checks a call before anything is sent (a `GHLValidationError` naming the field, or the caller's abort) and sets up its state. */
export function startCall(spec: RequestSpec, call: CallOptions | undefined, context: RequestContext, defaultTimeoutMs: number): Call {
  const { signal, timeoutMs, priority } = validateCallOptions(call);
  const what = `GHL ${spec.method} ${spec.path}`;
  if (typeof spec.version === 'string' && !isHeaderValue(spec.version)) {
    throw new GHLValidationError('Invalid request: version must be a valid HTTP header value (no line breaks)', [{ path: 'version', message: 'must be a valid HTTP header value' }]);
  }
  // fetch cannot send a body with a GET: say so by name before anything is sent.
  if (spec.method === 'GET' && spec.body !== undefined) {
    throw new GHLValidationError(`Invalid request: ${what} takes no body`, [{ path: 'body', message: 'a GET request has no body' }]);
  }
  if (signal?.aborted) throw abortError(what, signal);
  const followed = followSignal(signal);
  return {
    spec,
    what,
    idempotent: isIdempotent(spec),
    signal: followed?.signal,
    endSignal: followed?.end ?? noFollower,
    timeoutMs: Math.min(timeoutMs ?? defaultTimeoutMs, MAX_TIMER_MS),
    priority: priority ?? 'live',
    context,
    slot: undefined,
    token: undefined,
    replayToken: undefined,
    retryCount: 0,
    response: undefined,
    waitHintMs: undefined,
  };
}
