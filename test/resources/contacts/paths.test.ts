import fc from 'fast-check';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { GHLClient } from '../../../src/client.js';
import { GHLValidationError } from '../../../src/errors.js';
import type { FetchLike } from '../../../src/options.js';
import { testClient } from '../../helpers/client.js';
import { hostileIds } from '../../helpers/hostile-ids.js';
import { countRequests, server } from '../../msw.js';

// Hostile contact ids must never move a request (and its bearer token) to another endpoint.
const BASE = 'https://services.leadconnectorhq.com';

// 10,000 requests to a stub that states no window: pacing to GHL's would take hours (it has its own tests).
const client = (fetch?: FetchLike) => testClient({ fetch, retry: false, rateLimit: false });

/** Every id-taking contacts operation, as `[template, call]`. */
const OPERATIONS: Array<[string, (ghl: GHLClient, id: string) => Promise<unknown>]> = [
  ['GET /contacts/{id}', (ghl, id) => ghl.contacts.get(id)],
  ['PUT /contacts/{id}', (ghl, id) => ghl.contacts.update(id, { firstName: 'A' })],
  ['DELETE /contacts/{id}', (ghl, id) => ghl.contacts.delete(id)],
  ['POST /contacts/{id}/tags', (ghl, id) => ghl.contacts.addTags(id, ['vip'])],
  ['DELETE /contacts/{id}/tags', (ghl, id) => ghl.contacts.removeTags(id, ['vip'])],
];

describe('contact ids through the client', () => {
  const hostile = ['..', '.', '', '%2e%2e', '.%2e', '%2E', '%252e%252e', '..\\..\\locations\\LOC', '\\..\\..\\users\\U1', '../../tags', 'x'.repeat(100_000)];

  it.each(OPERATIONS.flatMap(([template, call]) => hostile.map((id) => [template, id.length > 40 ? `${id.slice(0, 10)}…(${id.length} chars)` : JSON.stringify(id), id, call] as const)))(
    '%s with id %s is a GHLValidationError naming contactId; 0 requests',
    async (_template, _label, id, call) => {
      const sent = countRequests();
      server.use(http.all(`${BASE}/*`, () => HttpResponse.json({ contact: { id: 'x' }, tags: [] })));
      const error = await call(client(), id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GHLValidationError);
      expect((error as GHLValidationError).issues.map((issue) => issue.path)).toEqual(['contactId']);
      expect(sent.count).toBe(0);
    },
  );

  it('sends 0 of 10,000 generated ids outside their template', async () => {
    const landed: URL[] = [];
    const fetch: FetchLike = async (input) => {
      landed.push(new URL(input instanceof Request ? input.url : String(input)));
      return new Response(JSON.stringify({ contact: { id: 'x' }, tags: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const ghl = client(fetch);
    const id = hostileIds();
    let rejected = 0;
    let outside = 0;
    await fc.assert(
      fc.asyncProperty(id, fc.nat(OPERATIONS.length - 1), async (value, which) => {
        const [template, call] = OPERATIONS[which] as (typeof OPERATIONS)[number];
        const before = landed.length;
        try {
          await call(ghl, value);
        } catch (error) {
          expect(error).toBeInstanceOf(GHLValidationError);
          expect(landed.length).toBe(before);
          rejected += 1;
          return;
        }
        expect(landed.length).toBe(before + 1);
        const url = landed[landed.length - 1] as URL;
        const segments = url.pathname.split('/');
        const expected = template.split(' ')[1]?.split('/') ?? [];
        const inside =
          url.origin === BASE &&
          url.search === '' &&
          segments.length === expected.length &&
          expected.every((segment, i) => (segment === '{id}' ? decodeURIComponent(segments[i] as string) === value : segment === segments[i]));
        if (!inside) outside += 1;
        expect(inside).toBe(true);
      }),
      { numRuns: 10_000 },
    );
    expect(outside).toBe(0);
    expect(landed.length + rejected).toBe(10_000);
    expect(landed.length).toBeGreaterThan(5_000);
    console.info(`contact ids through the client: ${landed.length} sent inside their template, ${rejected} rejected, ${outside} outside`);
    // 10,000 calls through the whole client: well under 20 s alone, but not on a loaded shared machine.
  }, 120_000);
});
