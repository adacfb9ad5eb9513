import { GHLConnectionError } from '../errors.js';

/**
 * Waits for `promise`, but gives up when `signal` aborts. The work behind the promise (a token
 * refresh shared with other callers) goes on: one caller's abort must not cancel it for the rest.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // Nobody here waits for `promise` any more; if it fails, its owner has logged why. Left without
    // a handler, its rejection would be unhandled and end the process.
    promise.catch(() => undefined);
    return Promise.reject(new GHLConnectionError(`${what} was aborted`, { cause: signal.reason }));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new GHLConnectionError(`${what} was aborted`, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
