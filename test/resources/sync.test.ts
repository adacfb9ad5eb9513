import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLValidationError } from '../../src/errors.js';
import { testClient } from '../helpers/client.js';
import { countRequests, server } from '../msw.js';

const BASE = 'https://services.leadconnectorhq.com';

interface Captured {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

interface Fake {
  /** Every request, in order. */
  requests: Captured[];
  /** Tags on the fake contact, merged like GHL's add-tags endpoint does. */
  tags: string[];
}

/**
 * A tiny GHL: upsert answers `new: true` the first time and `new: false` afterwards (or as told),
 * add-tags merges into the contact's tags and echoes them.
 */
function fakeGhl(options: { existingTags?: string[]; news?: boolean[] } = {}): Fake {
  const fake: Fake = { requests: [], tags: [...(options.existingTags ?? [])] };
  let upserts = 0;
  const record = async (request: Request) => {
    const text = await request.text();
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    fake.requests.push({ method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get('authorization'), body });
    return body as Record<string, unknown>;
  };
  server.use(
    http.post(`${BASE}/contacts/upsert`, async ({ request }) => {
      const body = await record(request);
      const isNew = options.news?.[upserts] ?? upserts === 0;
      upserts += 1;
      const { locationId, ...fields } = body;
      return HttpResponse.json({ new: isNew, contact: { id: 'c-1', locationId, ...fields, tags: [...fake.tags] }, traceId: `tr-${upserts}` });
    }),
    http.post(`${BASE}/contacts/:id/tags`, async ({ request }) => {
      const body = (await record(request)) as { tags: string[] };
      for (const tag of body.tags) if (!fake.tags.includes(tag)) fake.tags.push(tag);
      return HttpResponse.json({ tags: [...fake.tags] }, { status: 201 });
    }),
  );
  return fake;
}

const makeClient = () => testClient();

const USER = {
  id: 'u-42',
  email: 'ada@example.com',
  name: 'Ada King Lovelace',
  phone: '+15550100',
  companyName: 'Analytical Engines',
  timezone: 'Europe/London',
  country: 'GB',
  tags: ['beta', 'app-user'],
  customFields: { 'contact.plan': 'pro', 'contact.seats': 3, 'contact.features': ['a', 'b'] },
};

describe('sync.user', () => {
  it('upserts the mapped user WITHOUT tags, then adds the default and user tags (deduped)', async () => {
    const fake = fakeGhl({ existingTags: ['set-in-ghl'] });
    const result = await makeClient().sync.user(USER);

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /contacts/upsert', 'POST /contacts/c-1/tags']);
    expect(fake.requests.every((r) => r.authorization === 'Bearer at-1')).toBe(true);
    const [upsert, tags] = fake.requests;
    expect(upsert?.body).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'King Lovelace',
      phone: '+15550100',
      source: 'app user sync',
      companyName: 'Analytical Engines',
      timezone: 'Europe/London',
      country: 'GB',
      customFields: [
        { key: 'contact.plan', field_value: 'pro' },
        { key: 'contact.seats', field_value: 3 },
        { key: 'contact.features', field_value: ['a', 'b'] },
      ],
      locationId: 'loc-1',
    });
    expect(upsert?.body).not.toHaveProperty('tags');
    expect(tags?.body).toEqual({ tags: ['app-user', 'beta'] });

    expect(result.created).toBe(true);
    expect(result.contact.id).toBe('c-1');
    // The contact carries the merged tags GHL reported, not only the ones we sent.
    expect(result.contact.tags).toEqual(['set-in-ghl', 'app-user', 'beta']);
  });

  it("'basic' sends identity only: no company, timezone, country or custom fields", async () => {
    const fake = fakeGhl();
    await makeClient().sync.user(USER, { syncType: 'basic' });
    expect(fake.requests[0]?.body).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'King Lovelace',
      phone: '+15550100',
      source: 'app user sync',
      locationId: 'loc-1',
    });
    expect(fake.requests[1]?.body).toEqual({ tags: ['app-user', 'beta'] });
  });

  it('keeps explicit first/last names over the full name, and passes custom fields given as GHL entries', async () => {
    const fake = fakeGhl();
    await makeClient().sync.user({ email: 'b@example.com', firstName: 'Bea', name: 'Ignored Name', customFields: [{ id: 'cf-1', field_value: 'x' }] });
    expect(fake.requests[0]?.body).toEqual({
      email: 'b@example.com',
      firstName: 'Bea',
      source: 'app user sync',
      customFields: [{ id: 'cf-1', field_value: 'x' }],
      locationId: 'loc-1',
    });
  });

  it('a one-word name becomes the first name only', async () => {
    const fake = fakeGhl();
    await makeClient().sync.user({ email: 'cher@example.com', name: 'Cher' });
    expect(fake.requests[0]?.body).toMatchObject({ firstName: 'Cher' });
    expect(fake.requests[0]?.body).not.toHaveProperty('lastName');
  });

  it('a blank name sends no name at all (not an empty firstName)', async () => {
    const fake = fakeGhl();
    await makeClient().sync.user({ email: 'blank@example.com', name: '   ' });
    expect(fake.requests[0]?.body).not.toHaveProperty('firstName');
    expect(fake.requests[0]?.body).not.toHaveProperty('lastName');
  });

  it('options override the default tags and source', async () => {
    const fake = fakeGhl();
    await makeClient().sync.user({ email: 'a@example.com', tags: ['vip'] }, { tags: ['customer', 'vip'], source: 'signup form' });
    expect(fake.requests[0]?.body).toMatchObject({ source: 'signup form' });
    expect(fake.requests[1]?.body).toEqual({ tags: ['customer', 'vip'] });
  });

  it('skips the tag call when there is no tag at all', async () => {
    const fake = fakeGhl({ existingTags: ['kept'] });
    const result = await makeClient().sync.user({ email: 'a@example.com' }, { tags: [] });
    expect(fake.requests.map((r) => r.path)).toEqual(['/contacts/upsert']);
    expect(result.contact.tags).toEqual(['kept']);
  });

  it('is idempotent: a second run sends the same requests and reports created=false', async () => {
    const fake = fakeGhl();
    const client = makeClient();
    const first = await client.sync.user(USER);
    const second = await client.sync.user(USER);

    expect(fake.requests).toHaveLength(4);
    expect(fake.requests.slice(2)).toEqual(fake.requests.slice(0, 2));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.contact.id).toBe(first.contact.id);
    expect(second.contact.tags).toEqual(first.contact.tags);
    expect(fake.tags).toEqual(['app-user', 'beta']);
  });

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a missing email', { name: 'No Email' }, 'email'],
    ['an empty user tag', { email: 'a@example.com', tags: [''] }, 'tags.0'],
  ])('rejects %s with GHLValidationError naming the field, sending nothing', async (_what, user, field) => {
    const sent = countRequests();
    const error = await makeClient()
      .sync.user(user as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toContain(field);
    expect(sent.count).toBe(0);
  });

  it.each([
    ['an unknown option', { tagz: ['x'] }, 'tagz'],
    ['a bad syncType', { syncType: 'everything' }, 'syncType'],
    ['an empty default tag', { tags: [''] }, 'tags.0'],
  ])('rejects %s before sending anything', async (_what, options, field) => {
    const sent = countRequests();
    const error = await makeClient()
      .sync.user({ email: 'a@example.com' }, options as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toContain(field);
    expect(sent.count).toBe(0);
  });
});

describe('sync.newsletter', () => {
  it('upserts the subscriber and adds the `newsletter` tag', async () => {
    const fake = fakeGhl();
    const result = await makeClient().sync.newsletter({ email: 'news@example.com', name: 'New Reader', tags: ['weekly'] });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /contacts/upsert', 'POST /contacts/c-1/tags']);
    expect(fake.requests[0]?.body).toEqual({ email: 'news@example.com', firstName: 'New', lastName: 'Reader', source: 'newsletter signup', locationId: 'loc-1' });
    expect(fake.requests[1]?.body).toEqual({ tags: ['newsletter', 'weekly'] });
    expect(result).toEqual({ contact: expect.objectContaining({ id: 'c-1', tags: ['newsletter', 'weekly'] }), created: true });
  });

  it('the `tag` option replaces the newsletter tag, `source` the source', async () => {
    const fake = fakeGhl({ news: [false] });
    const result = await makeClient().sync.newsletter({ email: 'news@example.com', tags: ['digest'] }, { tag: 'digest', source: 'footer form' });
    expect(fake.requests[0]?.body).toMatchObject({ source: 'footer form' });
    expect(fake.requests[1]?.body).toEqual({ tags: ['digest'] });
    expect(result.created).toBe(false);
  });

  it('rejects an invalid email before sending anything', async () => {
    const sent = countRequests();
    const error = await makeClient()
      .sync.newsletter({ email: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toEqual(['email']);
    expect(sent.count).toBe(0);
  });

  it('rejects an empty `tag` option before sending anything (no half-done sync)', async () => {
    const sent = countRequests();
    fakeGhl();
    const error = await makeClient()
      .sync.newsletter({ email: 'news@example.com' }, { tag: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toContain('tag');
    expect(sent.count).toBe(0);
  });
});
