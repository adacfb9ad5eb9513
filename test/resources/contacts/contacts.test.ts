import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GHLClient } from '../../../src/client.js';
import {
  GHLApiError,
  GHLBadRequestError,
  GHLConnectionError,
  GHLDuplicateContactError,
  GHLError,
  GHLNotFoundError,
  GHLResponseError,
  GHLServerError,
  GHLUnprocessableError,
  GHLValidationError,
} from '../../../src/errors.js';
import type { Contact, SearchContactsResult, UpsertContactResult } from '../../../src/resources/contacts/types.js';
import { testClient } from '../../helpers/client.js';
import { countRequests, server } from '../../msw.js';

const BASE = 'https://services.leadconnectorhq.com';

interface Captured {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: unknown;
}

async function capture(request: Request): Promise<Captured> {
  const url = new URL(request.url);
  const text = await request.text();
  return { method: request.method, path: url.pathname, search: url.search, headers: request.headers, body: text === '' ? undefined : JSON.parse(text) };
}

type Reply = JsonBodyType | { status: number; body?: JsonBodyType } | 'drop';

/**
 * Registers one handler for `method path` that records each request and answers with the replies in
 * order (the last one repeats). A bare JSON value answers 200.
 */
function route(method: 'get' | 'post' | 'put' | 'delete', path: string, ...replies: Reply[]): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http[method](`${BASE}${path}`, async ({ request }) => {
      seen.push(await capture(request));
      const reply = replies[Math.min(seen.length, replies.length) - 1];
      if (reply === 'drop') return HttpResponse.error();
      if (reply !== null && typeof reply === 'object' && !Array.isArray(reply) && typeof (reply as { status?: unknown }).status === 'number') {
        const { status, body } = reply as { status: number; body?: JsonBodyType };
        return body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body, { status });
      }
      return HttpResponse.json(reply as JsonBodyType);
    }),
  );
  return seen;
}

const makeClient = () => testClient({ retry: { retries: 3, minDelayMs: 1 } });

function expectStandardHeaders(request: Captured | undefined): void {
  expect(request).toBeDefined();
  expect(request?.headers.get('authorization')).toBe('Bearer at-1');
  expect(request?.headers.get('version')).toBe('2021-07-28');
  expect(request?.headers.get('accept')).toBe('application/json');
}

async function validationError(promise: Promise<unknown>): Promise<GHLValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GHLValidationError);
  return error as GHLValidationError;
}

const paths = (error: GHLValidationError) => error.issues.map((issue) => issue.path);

const ADA = { id: 'c-1', locationId: 'loc-1', firstName: 'Ada', email: 'ada@example.com' };

describe('contacts.create', () => {
  it('POSTs to /contacts/ (trailing slash) with the client locationId, standard headers and a JSON body', async () => {
    const seen = route('post', '/contacts/', { status: 201, body: { contact: { ...ADA, tags: ['customer'] } } });
    const contact = await makeClient().contacts.create({ firstName: 'Ada', email: 'ada@example.com', tags: ['customer'] });

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/contacts/');
    expect(request?.search).toBe('');
    expectStandardHeaders(request);
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.body).toEqual({ firstName: 'Ada', email: 'ada@example.com', tags: ['customer'], locationId: 'loc-1' });
    expect(contact).toEqual({ ...ADA, tags: ['customer'] });
    expectTypeOf(contact).toEqualTypeOf<Contact>();
  });

  it('keeps an explicit locationId instead of the client one', async () => {
    const seen = route('post', '/contacts/', { status: 201, body: { contact: { id: 'c-2' } } });
    await makeClient().contacts.create({ email: 'b@example.com', locationId: 'loc-other' });
    expect(seen[0]?.body).toEqual({ email: 'b@example.com', locationId: 'loc-other' });
  });

  it('passes unknown response fields through untouched', async () => {
    route('post', '/contacts/', { status: 201, body: { contact: { id: 'c-3', attributionSource: { medium: 'api' } }, traceId: 't-1' } });
    const contact = await makeClient().contacts.create({ email: 'c@example.com' });
    expect(contact).toEqual({ id: 'c-3', attributionSource: { medium: 'api' } });
  });
});

describe('contacts.upsert', () => {
  it('POSTs /contacts/upsert with locationId and maps GHL `new` to `created`', async () => {
    const seen = route('post', '/contacts/upsert', { new: true, contact: ADA, traceId: 'tr-1' }, { new: false, contact: ADA, traceId: 'tr-2' });
    const client = makeClient();

    const first = await client.contacts.upsert({ email: 'ada@example.com', firstName: 'Ada', createNewIfDuplicateAllowed: false });
    const second = await client.contacts.upsert({ email: 'ada@example.com', firstName: 'Ada', createNewIfDuplicateAllowed: false });

    expect(first).toEqual({ contact: ADA, created: true });
    expect(second).toEqual({ contact: ADA, created: false });
    expectTypeOf(first).toEqualTypeOf<UpsertContactResult>();
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/contacts/upsert');
      expectStandardHeaders(request);
      expect(request.body).toEqual({ email: 'ada@example.com', firstName: 'Ada', createNewIfDuplicateAllowed: false, locationId: 'loc-1' });
    }
  });

  it('reads a missing `new` as an update', async () => {
    route('post', '/contacts/upsert', { contact: ADA });
    await expect(makeClient().contacts.upsert({ email: 'ada@example.com' })).resolves.toEqual({ contact: ADA, created: false });
  });
});

describe('contacts.get', () => {
  it('GETs /contacts/:id with no body and returns the contact', async () => {
    const seen = route('get', '/contacts/:id', { contact: ADA });
    const contact = await makeClient().contacts.get('c-1');
    expect(contact).toEqual(ADA);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.path).toBe('/contacts/c-1');
    expect(seen[0]?.body).toBeUndefined();
    expect(seen[0]?.headers.get('content-type')).toBeNull();
    expectStandardHeaders(seen[0]);
  });
});

describe('contacts.update', () => {
  it('PUTs /contacts/:id without a locationId and returns the contact from {succeded, contact}', async () => {
    const seen = route('put', '/contacts/:id', { succeded: true, contact: { ...ADA, lastName: 'Lovelace' } });
    const contact = await makeClient().contacts.update('c-1', { lastName: 'Lovelace', source: null });
    expect(contact).toEqual({ ...ADA, lastName: 'Lovelace' });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('PUT');
    expect(seen[0]?.path).toBe('/contacts/c-1');
    expectStandardHeaders(seen[0]);
    expect(seen[0]?.body).toEqual({ lastName: 'Lovelace', source: null });
    expect(seen[0]?.body).not.toHaveProperty('locationId');
  });
});

describe('contacts.delete', () => {
  it('DELETEs /contacts/:id and resolves to undefined', async () => {
    const seen = route('delete', '/contacts/:id', { succeded: true });
    await expect(makeClient().contacts.delete('c-1')).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('DELETE');
    expect(seen[0]?.path).toBe('/contacts/c-1');
    expect(seen[0]?.body).toBeUndefined();
    expectStandardHeaders(seen[0]);
  });
});

describe('contacts.search', () => {
  it('POSTs /contacts/search with locationId and the default pageLimit 20', async () => {
    const seen = route('post', '/contacts/search', { contacts: [], total: 0 });
    const result = await makeClient().contacts.search();
    expect(result).toEqual({ contacts: [], total: 0, nextSearchAfter: undefined });
    expectTypeOf(result).toEqualTypeOf<SearchContactsResult>();
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.path).toBe('/contacts/search');
    expectStandardHeaders(seen[0]);
    expect(seen[0]?.body).toEqual({ locationId: 'loc-1', pageLimit: 20 });
  });

  it('sends every parameter and returns contacts, total and the cursor of the last contact', async () => {
    const contacts = [
      { id: 'c-1', searchAfter: [1700000000000, 'c-1'] },
      { id: 'c-2', searchAfter: [1700000000001, 'c-2'] },
    ];
    const seen = route('post', '/contacts/search', { contacts, total: 57 });
    const params = {
      query: 'ada',
      pageLimit: 2,
      searchAfter: [1699999999999, 'c-0'],
      filters: [
        { field: 'tags', operator: 'contains', value: 'vip' },
        { group: 'OR' as const, filters: [{ field: 'email', operator: 'exists' }] },
      ],
      sort: [{ field: 'dateAdded', direction: 'desc' as const }],
    };
    const result = await makeClient().contacts.search(params);
    expect(seen[0]?.body).toEqual({ locationId: 'loc-1', ...params });
    expect(result).toEqual({ contacts, total: 57, nextSearchAfter: [1700000000001, 'c-2'] });
  });

  it('falls back to the page length when GHL sends no total', async () => {
    route('post', '/contacts/search', { contacts: [{ id: 'c-1' }, { id: 'c-2' }] });
    const result = await makeClient().contacts.search({ page: 2, pageLimit: 500 });
    expect(result.total).toBe(2);
    expect(result.nextSearchAfter).toBeUndefined();
  });
});

describe('contacts tags', () => {
  it('addTags POSTs /contacts/:id/tags with {tags} and returns the tags GHL reports', async () => {
    const seen = route('post', '/contacts/:id/tags', { status: 201, body: { tags: ['customer', 'vip'] } });
    const tags = await makeClient().contacts.addTags('c-1', ['vip']);
    expect(tags).toEqual(['customer', 'vip']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.path).toBe('/contacts/c-1/tags');
    expectStandardHeaders(seen[0]);
    expect(seen[0]?.body).toEqual({ tags: ['vip'] });
  });

  it('removeTags sends DELETE /contacts/:id/tags with a JSON body and returns the remaining tags', async () => {
    const seen = route('delete', '/contacts/:id/tags', { tags: ['customer'] });
    const tags = await makeClient().contacts.removeTags('c-1', ['vip', 'lead']);
    expect(tags).toEqual(['customer']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('DELETE');
    expect(seen[0]?.path).toBe('/contacts/c-1/tags');
    expectStandardHeaders(seen[0]);
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(seen[0]?.body).toEqual({ tags: ['vip', 'lead'] });
  });
});

describe('input validation (nothing is sent)', () => {
  const cases: Array<[string, (client: GHLClient) => Promise<unknown>, string]> = [
    ['create: unknown field', (c) => c.contacts.create({ email: 'a@example.com', favouriteColour: 'red' } as never), 'favouriteColour'],
    ['create: bad email', (c) => c.contacts.create({ email: 'not-an-email' }), 'email'],
    ['create: empty tag', (c) => c.contacts.create({ email: 'a@example.com', tags: ['ok', ''] }), 'tags.1'],
    ['create: custom field without id or key', (c) => c.contacts.create({ customFields: [{ field_value: 'x' }] }), 'customFields.0.id'],
    ['create: bad dnd status', (c) => c.contacts.create({ dndSettings: { SMS: { status: 'maybe' as never } } }), 'dndSettings.SMS.status'],
    ['upsert: unknown field', (c) => c.contacts.upsert({ email: 'a@example.com', additionalEmails: ['b@example.com'] } as never), 'additionalEmails'],
    ['upsert: bad email', (c) => c.contacts.upsert({ email: 'nope' }), 'email'],
    ['get: ".." as contact id', (c) => c.contacts.get('..'), 'contactId'],
    ['get: empty contact id', (c) => c.contacts.get(''), 'contactId'],
    ['delete: a backslash climb as contact id', (c) => c.contacts.delete('..\\..\\locations\\LOC'), 'contactId'],
    ['update: a percent-encoded dot-dot as contact id', (c) => c.contacts.update('%2e%2e', { firstName: 'A' }), 'contactId'],
    ['update: locationId', (c) => c.contacts.update('c-1', { locationId: 'loc-1' } as never), 'locationId'],
    ['update: companyName', (c) => c.contacts.update('c-1', { companyName: 'Acme' } as never), 'companyName'],
    ['search: pageLimit above 500', (c) => c.contacts.search({ pageLimit: 501 }), 'pageLimit'],
    ['search: pageLimit 0', (c) => c.contacts.search({ pageLimit: 0 }), 'pageLimit'],
    ['search: page and searchAfter together', (c) => c.contacts.search({ page: 2, searchAfter: [1, 'c-1'] }), 'searchAfter'],
    ['search: query over 75 characters', (c) => c.contacts.search({ query: 'x'.repeat(76) }), 'query'],
    ['search: locationId is the client’s, not a parameter', (c) => c.contacts.search({ locationId: 'loc-2' } as never), 'locationId'],
    ['addTags: empty tag list', (c) => c.contacts.addTags('c-1', []), 'tags'],
    ['addTags: empty tag', (c) => c.contacts.addTags('c-1', ['']), 'tags.0'],
    ['addTags: bad contact id', (c) => c.contacts.addTags('..', ['vip']), 'contactId'],
    ['removeTags: 100,000-character contact id', (c) => c.contacts.removeTags('x'.repeat(100_000), ['vip']), 'contactId'],
    ['removeTags: empty tag list', (c) => c.contacts.removeTags('c-1', []), 'tags'],
  ];

  it.each(cases)('%s', async (_name, call, field) => {
    const sent = countRequests();
    const error = await validationError(call(makeClient()));
    expect(paths(error)).toContain(field);
    expect(error.message).toContain(field);
    expect(error).toBeInstanceOf(GHLError);
    expect(error.name).toBe('GHLValidationError');
    expect(sent.count).toBe(0);
  });

  it('names every offending field at once', async () => {
    const sent = countRequests();
    const error = await validationError(makeClient().contacts.create({ email: 'bad', tags: [''], colour: 'red' } as never));
    expect(paths(error)).toEqual(expect.arrayContaining(['email', 'tags.0', 'colour']));
    expect(sent.count).toBe(0);
  });

  it('phrases a bad contact id so it can be acted on', async () => {
    const error = await validationError(makeClient().contacts.get('..'));
    expect(error.issues).toEqual([{ path: 'contactId', message: expect.stringMatching(/another path/) }]);
  });

  it('encodes an odd but harmless contact id into its own segment', async () => {
    const seen = route('get', '/contacts/:id', { contact: ADA });
    await makeClient().contacts.get('a/b?c#d\\e');
    expect(seen[0]?.path).toBe('/contacts/a%2Fb%3Fc%23d%5Ce');
  });
});

describe('GHL errors', () => {
  it('maps the duplicate 400 to GHLDuplicateContactError with the existing contact id', async () => {
    const body = { statusCode: 400, message: 'This location does not allow duplicated contacts.', meta: { contactId: 'abc', matchingField: 'email' } };
    const seen = route('post', '/contacts/', { status: 400, body });
    const error = await makeClient()
      .contacts.create({ email: 'ada@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLDuplicateContactError);
    expect(error).toBeInstanceOf(GHLBadRequestError);
    expect(error).toBeInstanceOf(GHLApiError);
    expect(error).toBeInstanceOf(GHLError);
    const duplicate = error as GHLDuplicateContactError;
    expect(duplicate.existingContactId).toBe('abc');
    expect(duplicate.matchingField).toBe('email');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual(body);
    expect(duplicate.name).toBe('GHLDuplicateContactError');
    expect(duplicate.message).toContain('This location does not allow duplicated contacts.');
    expect(seen).toHaveLength(1);
  });

  it('maps a 400 without meta to a plain GHLBadRequestError', async () => {
    route('post', '/contacts/', { status: 400, body: { statusCode: 400, message: 'Bad phone' } });
    const error = await makeClient()
      .contacts.create({ phone: '123' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLBadRequestError);
    expect(error).not.toBeInstanceOf(GHLDuplicateContactError);
    expect((error as Error).message).toContain('Bad phone');
  });

  it('maps a 422 with a message array to GHLUnprocessableError whose message joins the array', async () => {
    const body = { statusCode: 422, message: ['property foo should not exist', 'email must be an email'], error: 'Unprocessable Entity' };
    const seen = route('put', '/contacts/:id', { status: 422, body });
    const error = await makeClient()
      .contacts.update('c-1', { firstName: 'A' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLUnprocessableError);
    expect((error as GHLUnprocessableError).status).toBe(422);
    expect((error as Error).message).toContain('property foo should not exist; email must be an email');
    expect(seen).toHaveLength(1);
  });

  it('maps a 404 to GHLNotFoundError without retrying', async () => {
    const seen = route('get', '/contacts/:id', { status: 404, body: { statusCode: 404, message: 'Contact not found', traceId: 'tr-404' } });
    const error = await makeClient()
      .contacts.get('missing')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLNotFoundError);
    expect((error as GHLNotFoundError).status).toBe(404);
    expect((error as GHLNotFoundError).traceId).toBe('tr-404');
    expect((error as GHLNotFoundError).method).toBe('GET');
    expect((error as GHLNotFoundError).path).toBe('/contacts/missing');
    expect(seen).toHaveLength(1);
  });

  it('turns a 2xx body without `contact` into GHLResponseError', async () => {
    route('get', '/contacts/:id', { succeded: true });
    const error = await makeClient()
      .contacts.get('c-1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLResponseError);
    expect((error as GHLResponseError).body).toEqual({ succeded: true });
    expect((error as Error).message).toMatch(/contact/);
  });

  it('turns malformed upsert, search and tag bodies into GHLResponseError', async () => {
    route('post', '/contacts/upsert', { new: true, contact: { name: 'no id' } });
    route('post', '/contacts/search', { total: 3 });
    route('post', '/contacts/:id/tags', { tags: 'vip' });
    const client = makeClient();
    await expect(client.contacts.upsert({ email: 'a@example.com' })).rejects.toBeInstanceOf(GHLResponseError);
    await expect(client.contacts.search()).rejects.toBeInstanceOf(GHLResponseError);
    await expect(client.contacts.addTags('c-1', ['vip'])).rejects.toBeInstanceOf(GHLResponseError);
  });

  it('turns a 2xx body that is not JSON into GHLResponseError', async () => {
    server.use(http.get(`${BASE}/contacts/:id`, () => new HttpResponse('<html>gateway</html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    await expect(makeClient().contacts.get('c-1')).rejects.toBeInstanceOf(GHLResponseError);
  });
});

describe('retries', () => {
  it('never replays POST /contacts/ after a 503', async () => {
    const seen = route('post', '/contacts/', { status: 503, body: { statusCode: 503, message: 'unavailable' } }, { status: 201, body: { contact: ADA } });
    const error = await makeClient()
      .contacts.create({ email: 'ada@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLServerError);
    expect((error as GHLServerError).status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('retries a GET after 503, 503 and succeeds on the third attempt', async () => {
    const seen = route('get', '/contacts/:id', { status: 503 }, { status: 503 }, { contact: ADA });
    await expect(makeClient().contacts.get('c-1')).resolves.toEqual(ADA);
    expect(seen).toHaveLength(3);
    for (const request of seen) expectStandardHeaders(request);
  });

  it('gives up on a GET after the configured retries with GHLServerError', async () => {
    const seen = route('get', '/contacts/:id', { status: 502 });
    await expect(makeClient().contacts.get('c-1')).rejects.toBeInstanceOf(GHLServerError);
    expect(seen).toHaveLength(4);
  });

  it('retries an upsert (idempotent) after a 500', async () => {
    const seen = route('post', '/contacts/upsert', { status: 500 }, { new: true, contact: ADA });
    await expect(makeClient().contacts.upsert({ email: 'ada@example.com' })).resolves.toEqual({ contact: ADA, created: true });
    expect(seen).toHaveLength(2);
    expect(seen[1]?.body).toEqual(seen[0]?.body);
  });

  it('replays a create after a 429 (GHL did not process it)', async () => {
    const seen = route('post', '/contacts/', { status: 201, body: { contact: ADA } });
    // Registered last, so it answers first (msw prepends), once.
    server.use(
      http.post(`${BASE}/contacts/`, () => HttpResponse.json({ statusCode: 429, message: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } }), { once: true }),
    );
    const sent = countRequests();
    await expect(makeClient().contacts.create({ email: 'ada@example.com' })).resolves.toEqual(ADA);
    expect(sent.count).toBe(2);
    expect(seen).toHaveLength(1);
  });

  it('does not replay a create whose connection dropped, and says so', async () => {
    const seen = route('post', '/contacts/', 'drop', { status: 201, body: { contact: ADA } });
    const error = await makeClient()
      .contacts.create({ email: 'ada@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/not replayed/);
    expect(seen).toHaveLength(1);
  });

  it('replays a GET whose connection dropped', async () => {
    const seen = route('get', '/contacts/:id', 'drop', { contact: ADA });
    await expect(makeClient().contacts.get('c-1')).resolves.toEqual(ADA);
    expect(seen).toHaveLength(2);
  });
});
