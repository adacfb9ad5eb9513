import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let now = Date.UTC(2026, 0, 1);
let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
const ids = (body: { contacts: Array<{ id: string }> }) => body.contacts.map((c) => c.id);

beforeEach(async () => {
  now = Date.UTC(2026, 0, 1);
  sim = await createGHLSimulator({ now: () => now });
  call = apiClient(sim.url, sim.issueTokens().accessToken);
});
afterEach(() => sim.close());

function seedMany(count: number) {
  return Array.from({ length: count }, (_, i) => {
    now += 1000;
    return sim.contacts.seed({ firstName: `Person${i}`, email: `p${i}@example.com`, tags: i % 2 === 0 ? ['even'] : ['odd'] });
  });
}

describe('POST /contacts/search (ghl-api.md §3.4)', () => {
  it('pages with page + pageLimit, newest first, with total', async () => {
    const seeded = seedMany(7);
    const newestFirst = seeded.map((c) => c.id).reverse();
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const res = await call('POST', '/contacts/search', { locationId: sim.locationId, pageLimit: 3, page });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(7);
      pages.push(...ids(res.body));
    }
    expect(pages).toEqual(newestFirst);
  });

  it('pages with the searchAfter cursor each contact carries', async () => {
    const seeded = seedMany(5);
    const seen: string[] = [];
    let searchAfter: unknown[] | undefined;
    for (;;) {
      const res = await call('POST', '/contacts/search', { locationId: sim.locationId, pageLimit: 2, ...(searchAfter ? { searchAfter } : {}) });
      if (res.body.contacts.length === 0) break;
      seen.push(...ids(res.body));
      searchAfter = res.body.contacts.at(-1).searchAfter;
      expect(searchAfter).toEqual([expect.any(Number), res.body.contacts.at(-1).id]);
    }
    expect(seen).toEqual(seeded.map((c) => c.id).reverse());
  });

  it('filters by query, eq/contains/exists on fields and tags, and groups', async () => {
    seedMany(6);
    sim.contacts.seed({ firstName: 'Zed', companyName: 'Acme' });
    const search = async (body: Record<string, unknown>) => (await call('POST', '/contacts/search', { locationId: sim.locationId, pageLimit: 100, ...body })).body;
    expect((await search({ query: 'P3@EXAMPLE' })).total).toBe(1);
    expect((await search({ query: 'acme' })).total).toBe(1);
    expect((await search({ filters: [{ field: 'tags', operator: 'eq', value: 'even' }] })).total).toBe(3);
    expect((await search({ filters: [{ field: 'email', operator: 'eq', value: 'P1@example.com' }] })).total).toBe(1);
    expect((await search({ filters: [{ field: 'firstName', operator: 'contains', value: 'person' }, { field: 'tags', operator: 'not_eq', value: 'even' }] })).total).toBe(3);
    expect((await search({ filters: [{ field: 'email', operator: 'not_exists' }] })).total).toBe(1);
    const either = await search({
      filters: [
        {
          group: 'OR',
          filters: [
            { field: 'email', operator: 'eq', value: 'p0@example.com' },
            { field: 'companyName', operator: 'exists' },
          ],
        },
      ],
    });
    expect(either.total).toBe(2);
    const range = await search({ filters: [{ field: 'dateAdded', operator: 'range', value: { gt: '2026-01-01T00:00:02.000Z', lte: '2026-01-01T00:00:04.000Z' } }] });
    expect(range.total).toBe(2);
  });

  it('sorts by a requested field', async () => {
    for (const firstName of ['bob', 'Alice', 'carl']) sim.contacts.seed({ firstName });
    const res = await call('POST', '/contacts/search', { locationId: sim.locationId, pageLimit: 10, sort: [{ field: 'firstName', direction: 'asc' }] });
    expect(res.body.contacts.map((c: { firstName: string }) => c.firstName)).toEqual(['Alice', 'bob', 'carl']);
  });

  it('validates the body: 422 for missing/oversized pageLimit, bad operators, page with searchAfter; 403 for other locations', async () => {
    const bad = async (body: Record<string, unknown>) => call('POST', '/contacts/search', { locationId: sim.locationId, ...body });
    expect((await bad({})).body.message).toEqual(['pageLimit must be an integer between 1 and 500']);
    expect((await bad({ pageLimit: 501 })).status).toBe(422);
    expect((await bad({ pageLimit: 10, filters: [{ field: 'email', operator: 'like', value: 'x' }] })).body.message[0]).toMatch(/filters\.0\.operator must be one of/);
    expect((await bad({ pageLimit: 10, page: 2, searchAfter: [1, 'x'] })).body.message).toContain('page and searchAfter cannot be used together');
    expect((await bad({ pageLimit: 500, page: 21 })).status).toBe(422);
    expect((await bad({ pageLimit: 10, unknown: 1 })).body.message).toEqual(['property unknown should not exist']);
    expect((await call('POST', '/contacts/search', { locationId: 'other', pageLimit: 10 })).status).toBe(403);
  });
});
