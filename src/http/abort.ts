import { GHLAbortError } from '../errors.js';

/** The caller's abort as our error; `cause` is (a credential-free copy of) the signal's reason. */
export function abortError(what: string, signal: AbortSignal): GHLAbortError {
  return new GHLAbortError(`${what} was aborted`, { cause: signal.reason });
}

/**
 * A signal of our own that follows the caller's. Our listeners (ky's retry wait, the wait for a
 * token) go on it, never on the caller's: one signal shared by many concurrent calls would collect
 * a listener per call, and Node warns past 10 (`MaxListenersExceededWarning`). `AbortSignal.any`
 * adds no listener to its sources.
 */
export function followSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  return signal && AbortSignal.any([signal]);
}

/**
 * Starts `work` and waits for it, but gives up when `signal` aborts. The work goes on (a token
 * refresh shared with other callers): one caller's abort must not cancel it for the rest. Nothing
 * starts when the signal is already aborted, and the work's outcome is always handled, so work
 * abandoned by an abort that fails later is never an unhandled rejection.
 */
export function abortable<T>(work: () => Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) return Promise.reject(abortError(what, signal));
  const running = work();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(what, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(
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
