import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeBuilder } from '../../../src/testing/simulator/api-route.js';
import type { AreaContext } from '../../../src/testing/simulator/area.js';
import { createEngine } from '../../../src/testing/simulator/engine.js';
import { json, type SimRequest } from '../../../src/testing/simulator/wire.js';

// A made-up API area, built the way docs/architecture.md "Adding a resource" says: a store, routes, controls.
const route = routeBuilder('2021-04-15');

function widgetsArea(_context: AreaContext) {
  const store = new Map<string, { id: string; name: string }>();
  return {
    store,
    routes: [
      route('GET /widgets/:widgetId', (context) => {
        const widget = store.get(context.params['widgetId'] ?? '');
        return widget ? json(200, { widget }) : json(404, { message: 'no widget' });
      }),
      // Listed after the `:widgetId` route on purpose: the more literal route must still win.
      route('GET /widgets/search', () => json(200, { widgets: [...store.values()] })),
    ],
    control: {
      seed: (id: string, name: string) => {
        store.set(id, { id, name });
      },
    },
  };
}

// A second area that reads the first one's store, as a notes area reads contacts.
function partsArea({ use }: AreaContext) {
  const widgets = use(widgetsArea).store;
  return {
    routes: [route('GET /widgets/:widgetId/parts', (context) => json(widgets.has(context.params['widgetId'] ?? '') ? 200 : 404, { parts: [] }))],
    control: { widgetCount: () => widgets.size },
  };
}

function setup(options: Parameters<typeof createEngine>[0] = {}) {
  const engine = createEngine({ rateLimit: { max: 3, intervalMs: 10_000 }, ...options }, { widgets: widgetsArea, parts: partsArea });
  const { accessToken } = engine.control.issueTokens();
  const call = (method: string, path: string, headers: Record<string, string> = { version: '2021-04-15', authorization: `Bearer ${accessToken}` }) => {
    const request: SimRequest = { method, path, query: new URLSearchParams(), headers, body: '' };
    const outcome = engine.handle(request);
    return outcome.kind === 'respond' ? outcome.response : 'dropped';
  };
  return { engine, call, accessToken };
}

describe('simulator areas', () => {
  it('serves an area’s routes and exposes its controls under its name', () => {
    const { engine, call } = setup();
    engine.control.widgets.seed('w1', 'Gear');
    expect(call('GET', '/widgets/w1')).toMatchObject({ status: 200, body: { widget: { id: 'w1', name: 'Gear' } } });
    expect(call('GET', '/widgets/search')).toMatchObject({ status: 200, body: { widgets: [{ id: 'w1', name: 'Gear' }] } });
    expect(engine.control.stats.byRoute).toEqual({ 'GET /widgets/:widgetId': 1, 'GET /widgets/search': 1 });
  });

  it('builds each area once and lets another area use it', () => {
    const { engine, call } = setup();
    engine.control.widgets.seed('w1', 'Gear');
    expect(engine.control.parts.widgetCount()).toBe(1);
    expect(call('GET', '/widgets/w1/parts')).toMatchObject({ status: 200 });
    expect(call('GET', '/widgets/w2/parts')).toMatchObject({ status: 404 });
  });

  it('applies the generic rules to every area’s routes: 401, Version, rate limit, faults, stats', () => {
    const { engine, call, accessToken } = setup();
    engine.control.widgets.seed('w1', 'Gear');
    expect(call('GET', '/widgets/w1', { version: '2021-04-15' })).toMatchObject({ status: 401 });
    expect(call('GET', '/widgets/w1', { version: '2021-07-28', authorization: `Bearer ${accessToken}` })).toMatchObject({ status: 400 });
    engine.control.injectFault({ route: 'GET /widgets/:widgetId', kind: 'status', status: 502 });
    expect(call('GET', '/widgets/w1')).toMatchObject({ status: 502 });
    engine.control.injectFault({ route: 'GET /widgets/:widgetId', kind: 'drop' });
    expect(call('GET', '/widgets/w1')).toBe('dropped');
    // Three authenticated requests so far (400, and two more now) fill the burst window of 3.
    expect(call('GET', '/widgets/w1')).toMatchObject({ status: 200, headers: { 'X-RateLimit-Remaining': '1' } });
    expect(call('GET', '/widgets/w1')).toMatchObject({ status: 200 });
    expect(call('GET', '/widgets/w1')).toMatchObject({ status: 429 });
    expect(engine.control.stats).toMatchObject({ apiRequests: 7, unauthorized: 1, rateLimited: 1, byRoute: { 'GET /widgets/:widgetId': 7 } });
  });

  it('keeps the engine free of any area’s name: areas register from their own folder', () => {
    const source = readFileSync(new URL('../../../src/testing/simulator/engine.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/contact/i);
  });
});
