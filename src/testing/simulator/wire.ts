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

/** One answer; `body` is serialised as JSON by the adapter, unless `raw`. */
export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** `body` is a string sent as is, with the `content-type` in `headers` (the consent page's HTML and redirects). */
  raw?: boolean;
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

/** An HTML page, for the one part of GHL a person sees: the OAuth consent page. */
export function html(status: number, markup: string): SimResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: markup, raw: true };
}

/** A 302 to `location`, as the consent page answers once the person decided. */
export function redirect(location: string): SimResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '', raw: true };
}
