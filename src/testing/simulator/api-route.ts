import { parsePattern, type RoutePattern } from './routes.js';
import type { AccessRecord } from './tokens.js';
import type { SimResponse } from './wire.js';

/** What an authenticated API handler gets: the engine has already checked token, rate limit and Version. */
export interface ApiContext {
  grant: AccessRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (form fields as an object of strings); `undefined` when the request had none. */
  body: unknown;
  /** The injected clock, read once per request. */
  now: number;
}

export interface ApiRoute<Key extends string = string> {
  /** `'METHOD /path/:param'`, e.g. `'GET /contacts/:contactId'`: also the `stats.byRoute` key and a `GHLRoute`. */
  key: Key;
  pattern: RoutePattern;
  /** The `Version` header value the spec lists for this operation (docs/ghl-api.md §2). */
  version: string;
  /**
   * The token class the spec's `security` allows (ghl-api.md §1.5): `'location'` (Location-Access),
   * `'agency'` (Agency-Access), `'both'`. The engine refuses the other class with GHL's 401. Routes
   * that leave it out do their own checks (contacts answer a Company token 403, having no location).
   */
  security?: RouteSecurity | undefined;
  handle(context: ApiContext): SimResponse;
}

export type RouteSecurity = 'location' | 'agency' | 'both';

/**
 * The route builder of one API area: every route it makes carries the area's `Version`.
 * `const route = routeBuilder('2021-07-28'); route('GET /contacts/:contactId', (context) => …)`.
 */
export function routeBuilder(version: string, security?: RouteSecurity) {
  return <Key extends string>(key: Key, handle: (context: ApiContext) => SimResponse): ApiRoute<Key> => ({ key, pattern: parsePattern(key), version, security, handle });
}
