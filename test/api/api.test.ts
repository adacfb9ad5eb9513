import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLDuplicateContactError, GHLServerError, GHLValidationError } from '../../src/errors.js';
import { testClient as client, testCompanyClient } from '../helpers/client.js';
import { declaredVersions, listOperations, securityKind } from '../../scripts/spec-operations.js';
import { countRequests, server } from '../msw.js';

const BASE = 'https://services.leadconnectorhq.com';

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  text: string;
}

/** Answers every request to GHL with `answer` (default: 200 `{}`) and records it. */
function recordAll(answer: (request: Request) => Response = () => HttpResponse.json({})): Recorded[] {
  const seen: Recorded[] = [];
  server.use(
    http.all(`${BASE}/*`, async ({ request }) => {
      seen.push({ method: request.method, url: new URL(request.url), headers: request.headers, text: await request.clone().text() });
      return answer(request);
    }),
  );
  return seen;
}

describe('ghl.api: every operation of the specs', () => {
  it('reaches all 576: each is sent with its method, its path and its Version (agency-only ones on the company client)', async () => {
    // A recording fetch instead of msw here: msw costs ~10 ms a request, and this test makes 576.
    const sent: string[] = [];
    // ky hands fetch a Request (and at most a few options): read what would go on the wire from it.
    const fetch = async (input: Request | URL | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      sent.push([request.method, new URL(request.url).pathname, request.headers.get('version')].join(' '));
      return HttpResponse.json({});
    };
    type Untyped = Record<string, (path: string, options: unknown) => Promise<unknown>>;
    const location = client({ fetch }).api as unknown as Untyped;
    const agency = testCompanyClient({ fetch }).api as unknown as Untyped;
    const operations = listOperations();
    for (const { method, template, operation, spec } of operations) {
      const untyped = securityKind({ operation, spec }) === 'agency' ? agency : location;
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      const content = Object.keys(operation.requestBody?.content ?? {});
      const body = content.includes('multipart/form-data') ? new FormData() : content.length > 0 ? {} : undefined;
      await untyped[method]?.(template, { path: Object.fromEntries(names.map((name) => [name, `${name}-1`])), body });
    }
    const expected = operations.map(({ method, template, operation, spec }) =>
      [method.toUpperCase(), template.replace(/\{([^}]+)\}/g, '$1-1'), declaredVersions({ operation, spec })[0] ?? '2021-07-28'].join(' '),
    );
    expect(sent).toEqual(expected);
    expect(sent).toHaveLength(576);
  });
});

describe('ghl.api: the Version header', () => {
  it("sends each operation's own Version: 2021-04-15 for calendars, 2021-07-28 for contacts", async () => {
    const seen = recordAll();
    const ghl = client();
    await ghl.api.get('/calendars/{calendarId}/free-slots', { path: { calendarId: 'cal-1' }, query: { startDate: 1, endDate: 2 } });
    await ghl.api.get('/contacts/{contactId}', { path: { contactId: 'c-1' } });
    expect(seen.map((r) => [r.url.pathname, r.headers.get('version')])).toEqual([
      ['/calendars/cal-1/free-slots', '2021-04-15'],
      ['/contacts/c-1', '2021-07-28'],
    ]);
  });

  it('`version` overrides it; an operation that declares none gets the client’s apiVersion', async () => {
    const seen = recordAll();
    const ghl = client({ apiVersion: '2021-07-28' });
    await ghl.api.get('/calendars/', { query: { locationId: 'loc-1' }, version: '2099-01-01' });
    await ghl.api.get('/store/store-setting', { query: { altId: 'loc-1', altType: 'location' } });
    expect(seen.map((r) => r.headers.get('version'))).toEqual(['2099-01-01', '2021-07-28']);
  });
});

describe('ghl.api: requests', () => {
  it('sends the bearer token, the encoded path, the query and the JSON body, and resolves to the JSON answer', async () => {
    const seen = recordAll(() => HttpResponse.json({ note: { id: 'n-1', body: 'Called' } }, { status: 201 }));
    const result = await client().api.post('/contacts/{contactId}/notes', { path: { contactId: 'a/b?c' }, body: { body: 'Called' } });
    expect(result).toEqual({ note: { id: 'n-1', body: 'Called' } });
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/contacts/a%2Fb%3Fc/notes');
    expect(request?.headers.get('authorization')).toBe('Bearer at-1');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(request?.text ?? '')).toEqual({ body: 'Called' });
  });

  it('sends query parameters as given, an array as repeated parameters', async () => {
    const seen = recordAll();
    const query = { locationId: 'loc-1', listType: 'campaign', campaignId: 'ca', campaignGroupId: 'cg', startDate: '2026-01-01', endDate: '2026-01-31' };
    await client().api.get('/ad-publishing/linkedin/reporting/list', { query: { ...query, fields: ['clicks', 'impressions'] } });
    expect([...(seen[0]?.url.searchParams.entries() ?? [])]).toEqual([...Object.entries(query), ['fields', 'clicks'], ['fields', 'impressions']]);
  });

  it('sends a form-encoded operation as form fields', async () => {
    const seen = recordAll(() => HttpResponse.json({ access_token: 'x' }));
    await testCompanyClient().api.post('/oauth/locationToken', { body: { companyId: 'co-1', locationId: 'loc-2' } });
    expect(seen[0]?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.text).toBe('companyId=co-1&locationId=loc-2');
  });

  it('sends a multipart operation as the caller’s FormData', async () => {
    const seen = recordAll(() => HttpResponse.json({ fileId: 'f-1' }));
    const form = new FormData();
    form.set('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    form.set('name', 'hello.txt');
    await client().api.post('/medias/upload-file', { body: form });
    expect(seen[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]?.text).toContain('hello');
  });

  it('maps errors like every other call: a duplicate contact is a GHLDuplicateContactError', async () => {
    recordAll(() =>
      HttpResponse.json({ statusCode: 400, message: 'This location does not allow duplicated contacts.', meta: { contactId: 'c-9' } }, { status: 400 }),
    );
    await expect(client().api.post('/contacts/', { body: { locationId: 'loc-1', email: 'a@example.com' } })).rejects.toMatchObject({
      name: 'GHLDuplicateContactError',
      existingContactId: 'c-9',
    });
    await expect(client().api.post('/contacts/', { body: { locationId: 'loc-1' } })).rejects.toBeInstanceOf(GHLDuplicateContactError);
  });
});

describe('ghl.api: retries follow the method unless `idempotent` says otherwise', () => {
  const failing = () => HttpResponse.json({ message: 'boom' }, { status: 503 });

  it('retries a GET on 5xx, never a POST', async () => {
    const gets = recordAll(failing);
    await expect(client().api.get('/contacts/{contactId}', { path: { contactId: 'c-1' } })).rejects.toBeInstanceOf(GHLServerError);
    expect(gets).toHaveLength(3);
    const posts = recordAll(failing);
    await expect(client().api.post('/contacts/{contactId}/notes', { path: { contactId: 'c-1' }, body: { body: 'x' } })).rejects.toBeInstanceOf(GHLServerError);
    expect(posts).toHaveLength(1);
  });

  it('`idempotent: true` lets a read-only POST be retried', async () => {
    const seen = recordAll(failing);
    await expect(client().api.post('/contacts/search', { body: { locationId: 'loc-1', pageLimit: 1 }, idempotent: true })).rejects.toBeInstanceOf(GHLServerError);
    expect(seen).toHaveLength(3);
  });
});

describe('ghl.api: bad input is refused before anything is sent', () => {
  async function refused(call: () => Promise<unknown>): Promise<GHLValidationError> {
    const sent = countRequests();
    const error = await call().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(sent.count).toBe(0);
    expect(error).toBeInstanceOf(GHLValidationError);
    return error as GHLValidationError;
  }

  it('a path that is not an operation of the specs for that method', async () => {
    const ghl = client() as unknown as { api: Record<string, (path: string, options?: unknown) => Promise<unknown>> };
    const error = await refused(() => ghl.api['get']!('/contactz/'));
    expect(error.issues).toEqual([{ path: 'path', message: 'not a path template of the specs for this method' }]);
    await refused(() => ghl.api['patch']!('/contacts/{contactId}', { path: { contactId: 'c-1' } }));
    await refused(() => ghl.api['get']!('/contacts/c-1'));
  });

  it('an id that would move the request (`..`), a missing or an unknown path parameter, by name', async () => {
    const ghl = client();
    expect((await refused(() => ghl.api.get('/contacts/{contactId}', { path: { contactId: '..' } }))).issues[0]?.path).toBe('contactId');
    const untyped = ghl.api as unknown as { get(path: string, options?: unknown): Promise<unknown> };
    expect((await refused(() => untyped.get('/contacts/{contactId}', {}))).issues[0]?.path).toBe('contactId');
    expect((await refused(() => untyped.get('/contacts/{contactId}', { path: { contactId: 'c', other: 'x' } }))).issues[0]?.path).toBe('path.other');
  });

  it('options that are not what the signature says (plain JavaScript callers)', async () => {
    const untyped = client().api as unknown as { get(path: string, options?: unknown): Promise<unknown>; post(path: string, options?: unknown): Promise<unknown> };
    expect((await refused(() => untyped.get('/contacts/', 'locationId=x'))).issues[0]?.path).toBe('(options)');
    expect((await refused(() => untyped.get('/contacts/', { querry: {} }))).issues[0]).toEqual({ path: 'querry', message: 'unknown option' });
    expect((await refused(() => untyped.get('/contacts/', { query: 'x' }))).issues[0]?.path).toBe('query');
    expect((await refused(() => untyped.get('/contacts/', { version: 20210728 }))).issues[0]?.path).toBe('version');
    expect((await refused(() => untyped.post('/medias/upload-file', { body: { file: 'x' } }))).issues[0]?.path).toBe('body');
    const agency = testCompanyClient().api as unknown as { post(path: string, options?: unknown): Promise<unknown> };
    expect((await refused(() => agency.post('/oauth/locationToken', { body: { companyId: { id: 1 } } }))).issues[0]?.path).toBe('body.companyId');
  });
});
