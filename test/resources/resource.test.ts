import { http, HttpResponse } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { GHLError, GHLResponseError, GHLValidationError } from '../../src/errors.js';
import { path } from '../../src/http/path.js';
import type { CallOptions } from '../../src/http/transport.js';
import { APIResource } from '../../src/resources/resource.js';
import { TEST_BASE_URL, testRequester } from '../helpers/requester.js';
import { countRequests, server } from '../msw.js';

// A resource and a sub-resource built the way docs/architecture.md "Adding a resource" describes.
const widgetSchema = z.looseObject({ widget: z.looseObject({ id: z.string() }) });
const createWidgetSchema = z.strictObject({ name: z.string().check(z.minLength(1)), locationId: z.string() });

class WidgetParts extends APIResource {
  protected readonly version = '2021-04-15';

  async list(widgetId: string, call?: CallOptions): Promise<unknown> {
    return this.request({ method: 'GET', path: path`/widgets/${{ widgetId }}/parts`, response: z.unknown(), what: 'widget parts' }, call);
  }
}

class Widgets extends APIResource {
  protected readonly version = '2021-07-28';
  readonly parts = new WidgetParts(this.requester);

  async create(input: { name: string }, call?: CallOptions): Promise<{ id: string }> {
    const body = this.validate(createWidgetSchema, { ...input, locationId: this.locationId }, 'widget');
    const answer = await this.request({ method: 'POST', path: '/widgets/', body, response: widgetSchema, what: 'widget create' }, call);
    return answer.widget;
  }

  async get(widgetId: string, options: { version?: string } = {}, call?: CallOptions): Promise<{ id: string }> {
    const answer = await this.request({ method: 'GET', path: path`/widgets/${{ widgetId }}`, version: options.version, response: widgetSchema, what: 'widget get' }, call);
    return answer.widget;
  }

  async remove(widgetId: string): Promise<void> {
    return this.request({ method: 'DELETE', path: path`/widgets/${{ widgetId }}`, what: 'widget delete' });
  }
}

interface Seen {
  method: string;
  path: string;
  version: string | null;
  authorization: string | null;
  body: unknown;
}

function record(reply: () => Response): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.all(`${TEST_BASE_URL}/widgets/*`, async ({ request }) => {
      const text = await request.text();
      const url = new URL(request.url);
      seen.push({ method: request.method, path: url.pathname, version: request.headers.get('version'), authorization: request.headers.get('authorization'), body: text ? JSON.parse(text) : undefined });
      return reply();
    }),
  );
  return seen;
}

describe('APIResource', () => {
  it('validates, sends with the resource Version and the requester token, and parses the answer', async () => {
    const seen = record(() => HttpResponse.json({ widget: { id: 'w-1', colour: 'red' } }, { status: 201 }));
    const widget = await new Widgets(testRequester({ locationId: 'loc-9' })).create({ name: 'Gear' });
    expect(widget).toEqual({ id: 'w-1', colour: 'red' });
    expectTypeOf(widget).toEqualTypeOf<{ id: string }>();
    expect(seen).toEqual([{ method: 'POST', path: '/widgets/', version: '2021-07-28', authorization: 'Bearer at-1', body: { name: 'Gear', locationId: 'loc-9' } }]);
  });

  it('sends nothing when the input is invalid, naming the field', async () => {
    const sent = countRequests();
    const error = await new Widgets(testRequester()).create({ name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((issue) => issue.path)).toEqual(['name']);
    expect(sent.count).toBe(0);
  });

  it('lets one operation override the Version', async () => {
    const seen = record(() => HttpResponse.json({ widget: { id: 'w-1' } }));
    await new Widgets(testRequester()).get('w-1', { version: '2099-01-01' });
    expect(seen[0]?.version).toBe('2099-01-01');
  });

  it('turns an answer that does not match the schema into GHLResponseError naming the operation', async () => {
    record(() => HttpResponse.json({ nope: true }));
    const error = await new Widgets(testRequester()).get('w-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLResponseError);
    expect((error as GHLResponseError).message).toMatch(/widget get/);
  });

  it('resolves to undefined when the operation declares no response', async () => {
    record(() => HttpResponse.json({ succeded: true }));
    await expect(new Widgets(testRequester()).remove('w-1')).resolves.toBeUndefined();
  });

  it('builds a sub-resource on the same base and requester, with its own Version', async () => {
    const seen = record(() => HttpResponse.json({ parts: [] }));
    const widgets = new Widgets(testRequester({ token: 'at-sub' }));
    await expect(widgets.parts.list('w 1')).resolves.toEqual({ parts: [] });
    expect(widgets.parts).toBeInstanceOf(APIResource);
    expect(seen).toEqual([{ method: 'GET', path: '/widgets/w%201/parts', version: '2021-04-15', authorization: 'Bearer at-sub', body: undefined }]);
  });

  it('passes the caller signal to the request', async () => {
    const seen = record(() => HttpResponse.json({ widget: { id: 'w-1' } }));
    // Without the signal this call would succeed; with it, nothing is sent and a typed error comes back.
    const error = await new Widgets(testRequester()).get('w-1', {}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLError);
    expect(seen).toHaveLength(0);
  });

  it('rejects an id that would leave its path before sending', async () => {
    const sent = countRequests();
    const error = await new Widgets(testRequester()).parts.list('..').catch((e: unknown) => e);
    expect((error as GHLValidationError).issues).toEqual([{ path: 'widgetId', message: expect.any(String) }]);
    expect(sent.count).toBe(0);
  });
});
