import type { GHLAreaRoute } from './areas/index.js';
import type { TOKEN_ROUTE } from './oauth.js';
import { matchPattern, parsePattern, type RoutePattern } from './routes.js';

/** Route patterns the simulator serves, for autocompletion; any `'METHOD /path/:param'` or `'*'` works. */
export type GHLRoute = '*' | typeof TOKEN_ROUTE | GHLAreaRoute | (string & {});

interface FaultBase {
  /** Which requests it hits: `'METHOD /path/:param'` (a `:param` matches any one segment) or `'*'`. */
  route: GHLRoute;
  /** How many matching requests it hits before it is used up; `Infinity` for all. @default 1 */
  times?: number | undefined;
}

/**
 * One injected misbehaviour. Faults hit matching requests in the order they were injected (a FIFO
 * queue per route), one fault per request, before authentication or validation run.
 */
export type GHLFault = FaultBase &
  (
    | {
        /** Answer with this status instead of processing the request (e.g. a 502 from the edge). */
        kind: 'status';
        status: number;
        /** @default `{ statusCode: status, message: 'Injected fault' }` */
        body?: unknown;
        headers?: Record<string, string> | undefined;
      }
    /** Destroy the connection without processing the request: nothing happened server-side. */
    | { kind: 'drop' }
    /**
     * Process the request fully (the contact IS created, the refresh token IS rotated), then destroy the
     * connection without answering: the ambiguous failure a client must not blindly replay.
     */
    | { kind: 'dropAfterProcessing' }
    /** Process normally, but hold the answer back `ms` more (on top of `latencyMs`). */
    | { kind: 'latency'; ms: number }
    /** Answer 429 without processing; with `Retry-After` only when `retryAfterSeconds` is given. */
    | { kind: 'rateLimit'; retryAfterSeconds?: number | undefined }
    /** Answer 400 `invalid_grant` without processing (meant for `'POST /oauth/token'`); the token is not spent. */
    | { kind: 'invalidGrant' }
  );

interface QueuedFault {
  fault: GHLFault;
  pattern: RoutePattern;
  remaining: number;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(fault: GHLFault): void {
    const times = fault.times ?? 1;
    if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) throw new TypeError(`fault.times must be a positive integer or Infinity, got ${times}`);
    if (fault.kind === 'latency' && !(fault.ms >= 0)) throw new TypeError(`fault.ms must be >= 0, got ${fault.ms}`);
    this.queue.push({ fault, pattern: parsePattern(fault.route), remaining: times });
  }

  /** Consumes one use of the first fault that matches, if any. */
  take(method: string, path: string): GHLFault | undefined {
    const entry = this.queue.find((queued) => matchPattern(queued.pattern, method, path) !== undefined);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.queue = this.queue.filter((queued) => queued !== entry);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }
}
