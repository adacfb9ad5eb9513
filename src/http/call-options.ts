import { GHLValidationError, type ValidationIssue } from '../errors.js';
import type { RequestPriority } from '../rate-limit/budget.js';

/** Per-call options accepted as the last argument of every SDK method. */
export interface CallOptions {
  /**
   * Aborts the call: the attempt in flight, any retry wait and the wait for a token. The call then
   * rejects with `GHLAbortError` (also when the signal is an `AbortSignal.timeout()`).
   */
  signal?: AbortSignal | undefined;
  /**
   * Timeout of each attempt of this call (every retry gets its own), overriding the client's
   * `timeoutMs`. An integer of at least 1 (ms).
   */
  timeoutMs?: number | undefined;
  /** `'bulk'` requests wait behind `'live'` ones for the location's rate-limit window. Default `'live'`. */
  priority?: RequestPriority | undefined;
}

/** Checks what a caller passed as call options, the way the client checks its own options. Sends nothing. */
export function validateCallOptions(call: unknown): CallOptions {
  if (call === undefined) return {};
  const issues: ValidationIssue[] = [];
  if (call === null || typeof call !== 'object') {
    issues.push({ path: '(options)', message: 'must be an object like { signal, timeoutMs }' });
  } else {
    const { signal, timeoutMs, priority } = call as Record<string, unknown>;
    if (priority !== undefined && priority !== 'live' && priority !== 'bulk') issues.push({ path: 'priority', message: `must be 'live' or 'bulk' (got ${String(priority)})` });
    if (signal !== undefined && !(signal instanceof AbortSignal)) issues.push({ path: 'signal', message: 'must be an AbortSignal' });
    if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && (timeoutMs as number) >= 1)) {
      issues.push({ path: 'timeoutMs', message: `must be an integer of at least 1 (got ${String(timeoutMs)})` });
    }
  }
  if (issues.length > 0) throw new GHLValidationError(`Invalid call options: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return call as CallOptions;
}
