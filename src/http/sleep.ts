import { abortError } from './abort.js';

/** A wait that a caller's AbortSignal cuts short (`GHLAbortError`). Global setTimeout, so fake timers drive it. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  if (signal?.aborted) return Promise.reject(abortError(what, signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(what, signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
