import type { RoutePattern } from './routes.js';
import type { AccessRecord } from './tokens.js';
import type { SimResponse } from './wire.js';

/** What an authenticated API handler gets: the engine has already checked token, rate limit and Version. */
export interface ApiContext {
  grant: AccessRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  /** The injected clock, read once per request. */
  now: number;
}

export interface ApiRoute {
  pattern: RoutePattern;
  /** The `Version` header value the spec lists for this operation (ghl-api.md §2). */
  version: string;
  handle(context: ApiContext): SimResponse;
}
