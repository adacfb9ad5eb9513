import { http, HttpResponse, type HttpHandler } from 'msw';
import type { GHLSimulatorControl } from './simulator/control.js';
import { Delays } from './simulator/delays.js';
import { createEngine } from './simulator/engine.js';
import type { GHLSimulationOptions } from './simulator/options.js';

/**
 * `ghl-sdk/testing/msw`: the same simulated GHL as `createGHLSimulator()`, served through msw
 * handlers instead of a port — for test suites that already run an msw server. A separate entry so
 * that `ghl-sdk/testing` never imports msw.
 */

export interface GHLHandlersOptions extends GHLSimulationOptions {
  /** The origin (and optional path prefix) the handlers intercept. @default 'https://services.leadconnectorhq.com' */
  baseUrl?: string | undefined;
}

export interface GHLHandlers extends GHLSimulatorControl {
  /** Pass to `server.use(...ghl.handlers)` (or `setupServer(...ghl.handlers)`). */
  readonly handlers: HttpHandler[];
  /** The base URL intercepted, without a trailing slash. */
  readonly baseUrl: string;
}

/**
 * msw handlers backed by the simulator engine, plus its control surface. Every fault kind works;
 * `drop` and `dropAfterProcessing` become `HttpResponse.error()` (a network error for the client).
 *
 * @example
 * const ghl = ghlHandlers();
 * server.use(...ghl.handlers);
 * const tokens = ghl.issueTokens();
 * ghl.injectFault({ route: 'POST /contacts/', kind: 'status', status: 502 });
 */
export function ghlHandlers(options: GHLHandlersOptions = {}): GHLHandlers {
  const engine = createEngine(options);
  const delays = new Delays();
  const baseUrl = (options.baseUrl ?? 'https://services.leadconnectorhq.com').replace(/\/+$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');

  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const outcome = engine.handle({
      method: request.method,
      path: url.pathname.slice(basePath.length) || '/',
      query: url.searchParams,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    await delays.wait(outcome.delayMs);
    if (outcome.kind === 'drop') return HttpResponse.error();
    const { status, headers, body, raw } = outcome.response;
    if (raw) return new HttpResponse(String(body), { status, headers });
    return new HttpResponse(JSON.stringify(body), { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
  });

  return { ...engine.control, handlers: [handler], baseUrl };
}
