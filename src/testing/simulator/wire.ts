/**
 * The transport-neutral request/response model shared by the engine and its two adapters
 * (`node:http` in server.ts, msw in ../msw.ts): the engine never sees a socket or a `Request`.
 */

/** One incoming request, already read off the wire. */
export interface SimRequest {
  method: string;
  /** Path without the query string, e.g. `/contacts/abc`. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** The raw body text (`''` when none). */
  body: string;
}

/** One answer; `body` is serialised as JSON by the adapter. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * What the adapter must do: answer, or kill the connection without answering (fault injection).
 * `delayMs` is waited (real timers) before either.
 */
export type SimOutcome = { kind: 'respond'; response: SimResponse; delayMs: number } | { kind: 'drop'; delayMs: number };

/** A JSON response with no extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers, body };
}
