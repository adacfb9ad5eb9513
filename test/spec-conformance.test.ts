import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from './msw.js';
import { checkRequest, recordRequests, specExampleResponses, type RecordedRequest } from './spec-conformance.js';

const json = { 'content-type': 'application/json' };
const v0728 = { version: '2021-07-28', ...json };

function request(method: string, url: string, body?: unknown, headers: Record<string, string> = v0728): RecordedRequest {
  return { method, url, headers, body };
}

describe('checkRequest', () => {
  it('passes a request that matches its operation', () => {
    const report = checkRequest(request('POST', '/contacts/', { locationId: 'l', email: 'a@example.com', dndSettings: { Call: { status: 'active' } } }));
    expect(report).toEqual({ operation: 'POST /contacts/', problems: [], unchecked: [] });
  });

  it('matches a literal segment before a parameter: /contacts/search is not /contacts/{contactId}', () => {
    expect(checkRequest(request('GET', 'https://services.leadconnectorhq.com/contacts/search/duplicate?locationId=l')).operation).toBe(
      'GET /contacts/search/duplicate',
    );
    expect(checkRequest(request('GET', '/contacts/abc')).operation).toBe('GET /contacts/{contactId}');
  });

  it('names a path or method the specs lack', () => {
    expect(checkRequest(request('GET', '/contactz/abc')).problems).toEqual(['no operation GET /contactz/abc in spec/apps']);
    expect(checkRequest(request('PATCH', '/contacts/abc')).problems).toEqual(['no operation PATCH /contacts/abc in spec/apps']);
    expect(checkRequest(request('GET', '/contacts//tags')).operation).toBeUndefined();
  });

  it("names a Version outside the operation's enum, or a missing one", () => {
    expect(checkRequest(request('GET', '/calendars/?locationId=l')).problems).toEqual(['Version "2021-07-28", the spec allows 2021-04-15']);
    expect(checkRequest(request('GET', '/contacts/abc', undefined, {})).problems).toEqual(['Version missing, the spec allows 2021-07-28']);
    expect(checkRequest(request('GET', '/store/store-setting?altId=l&altType=location', undefined, {})).problems).toEqual([]);
  });

  it('names undeclared query parameters and body fields, nested ones included', () => {
    expect(checkRequest(request('GET', '/contacts/?locationId=l&limt=5')).problems).toEqual(['query parameter "limt" is not declared']);
    const body = { locationId: 'l', additionalEmails: ['x@example.com'], dndSettings: { Call: { status: 'active', reason: 'x' } }, customFields: [{ id: 'f', field_value: 'v', extra: 1 }] };
    expect(checkRequest(request('POST', '/contacts/', body)).problems).toEqual([
      'body.additionalEmails is not declared',
      'body.dndSettings.Call.reason is not declared',
      'body.customFields.0.extra is not declared',
    ]);
    expect(checkRequest(request('GET', '/contacts/abc', { x: 1 })).problems).toEqual(['a JSON body, but the operation declares none']);
  });

  it('reports a body the spec leaves empty as unchecked, not as a problem', () => {
    expect(checkRequest(request('POST', '/contacts/search', { locationId: 'l', pageLimit: 1 }))).toEqual({
      operation: 'POST /contacts/search',
      problems: [],
      unchecked: ['body: the spec declares no fields'],
    });
  });
});

describe('recordRequests', () => {
  it('records method, URL, headers and the JSON body, and still sends the request', async () => {
    server.use(http.post('https://services.leadconnectorhq.com/contacts/', () => HttpResponse.json({ ok: true })));
    const recorder = recordRequests();
    const response = await recorder.fetch('https://services.leadconnectorhq.com/contacts/', { method: 'POST', headers: v0728, body: JSON.stringify({ locationId: 'l' }) });
    expect(await response.json()).toEqual({ ok: true });
    expect(recorder.requests).toEqual([{ method: 'POST', url: 'https://services.leadconnectorhq.com/contacts/', headers: v0728, body: { locationId: 'l' } }]);
  });
});

describe('specExampleResponses', () => {
  it("assembles each 2xx answer from the schema's property examples", () => {
    const [example] = specExampleResponses('GET', '/contacts/{contactId}');
    expect(example?.status).toBe('200');
    expect(example?.body).toMatchObject({ contact: { id: expect.any(String), email: expect.any(String), tags: expect.any(Array) } });
  });

  it('gives none where the spec declares no body, and refuses an unknown operation', () => {
    expect(specExampleResponses('POST', '/contacts/search')).toEqual([]);
    expect(() => specExampleResponses('GET', '/nope')).toThrow('no operation GET /nope');
  });
});
