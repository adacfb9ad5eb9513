import { GHLAbortError } from '../errors.js';

/** The caller's abort as our error; `cause` is (a credential-free copy of) the signal's reason. */
export function abortError(what: string, signal: AbortSignal): GHLAbortError {
  return new GHLAbortError(`${what} was aborted`, { cause: signal.reason });
}

/** A signal of our own that follows the caller's; `end()` when the work it guards is over. */
export interface FollowedSignal {
  signal: AbortSignal;
  end: () => void;
}

/** The followers of each caller signal in use: one listener on it, however many calls share it. */
const followersOf = new WeakMap<AbortSignal, Set<AbortController>>();

/**
 * A signal of our own that follows the caller's. Our listeners (ky's retry wait, the wait for a
 * token, fetch) go on it, never on the caller's: one signal shared by many concurrent calls would
 * collect a listener per call, and Node warns past 10 (`MaxListenersExceededWarning`). The caller's
 * signal gets one listener, and a call that ended leaves nothing behind on it. `AbortSignal.any`
 * added no listener either, but on Node 20 it leaves an entry on the source signal for every signal
 * made from it (https://github.com/nodejs/node/issues/55351): a signal shared by a 100,000-user
 * bulk run or a server's whole life grew the heap by ~70 bytes per call, never given back.
 */
export function followSignal(source: AbortSignal | undefined): FollowedSignal | undefined {
  if (!source) return undefined;
  const follower = new AbortController();
  if (source.aborted) {
    follower.abort(source.reason);
    return { signal: follower.signal, end: () => {} };
  }
  const followers = followersOf.get(source) ?? relayAborts(source);
  followers.add(follower);
  return { signal: follower.signal, end: () => followers.delete(follower) };
}

/** The one listener on `source`: it aborts the followers still live when `source` aborts. */
function relayAborts(source: AbortSignal): Set<AbortController> {
  const followers = new Set<AbortController>();
  const relay = () => {
    for (const follower of followers) follower.abort(source.reason);
    followers.clear();
  };
  source.addEventListener('abort', relay, { once: true });
  followersOf.set(source, followers);
  return followers;
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
