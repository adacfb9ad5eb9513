import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

// The contacts resource held to GHL's own spec (spec/apps/contacts.json): what it sends, and what it
// accepts back.

describe('contacts: every request conforms to spec/apps/contacts.json', () => {
  it('create, upsert, get, update, search, list, addTags, removeTags and delete: path, Version, query and body fields', async () => {
    const recorder = recordRequests();
    const { ghl } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });

    const created = await ghl.contacts.create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+15550001111',
      tags: ['vip'],
      dnd: false,
      dndSettings: { Email: { status: 'inactive', message: 'ok' } },
      inboundDndSettings: { all: { status: 'active' } },
      customFields: [{ id: 'cf-1', field_value: 'gold' }],
      dateOfBirth: '1815-12-10',
      source: 'app',
      companyName: 'Analytical Engines',
      gender: 'female',
      timezone: 'Europe/London',
      country: 'GB',
    });
    await ghl.contacts.upsert({ email: 'ada@example.com', city: 'London', createNewIfDuplicateAllowed: false });
    await ghl.contacts.get(created.id);
    await ghl.contacts.update(created.id, { website: 'https://example.com', assignedTo: null, customFields: [{ key: 'plan', field_value: 'pro' }] });
    await ghl.contacts.search({ query: 'ada', pageLimit: 1, filters: [{ field: 'tags', operator: 'eq', value: 'vip' }], sort: [{ field: 'dateAdded', direction: 'desc' }] });
    for await (const contact of ghl.contacts.list({ pageLimit: 1 })) expect(contact.id).toBe(created.id);
    await ghl.contacts.addTags(created.id, ['beta']);
    await ghl.contacts.removeTags(created.id, ['vip']);
    await ghl.contacts.delete(created.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation))).toEqual(
      new Set([
        'POST /contacts/',
        'POST /contacts/upsert',
        'GET /contacts/{contactId}',
        'PUT /contacts/{contactId}',
        'POST /contacts/search',
        'POST /contacts/{contactId}/tags',
        'DELETE /contacts/{contactId}/tags',
        'DELETE /contacts/{contactId}',
      ]),
    );
  });
});

describe("contacts: every spec example answer parses through the resource", () => {
  const BASE = 'https://services.leadconnectorhq.com';

  /** Answers `method template` (msw route syntax) with the spec's first 2xx example for it. */
  function answerWithExample(method: 'get' | 'post' | 'put' | 'delete', template: string): void {
    const [example] = specExampleResponses(method, template);
    expect(example, `${method} ${template} has an example answer`).toBeDefined();
    server.use(
      http[method](`${BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })),
    );
  }

  it('create, upsert, get, update, delete, addTags and removeTags', async () => {
    answerWithExample('post', '/contacts/');
    answerWithExample('post', '/contacts/upsert');
    answerWithExample('get', '/contacts/{contactId}');
    answerWithExample('put', '/contacts/{contactId}');
    answerWithExample('delete', '/contacts/{contactId}');
    answerWithExample('post', '/contacts/{contactId}/tags');
    answerWithExample('delete', '/contacts/{contactId}/tags');
    const ghl = testClient();

    expect((await ghl.contacts.create({ email: 'ada@example.com' })).id).toEqual(expect.any(String));
    expect((await ghl.contacts.upsert({ email: 'ada@example.com' })).contact.id).toEqual(expect.any(String));
    expect((await ghl.contacts.get('c-1')).id).toEqual(expect.any(String));
    expect((await ghl.contacts.update('c-1', { firstName: 'Ada' })).id).toEqual(expect.any(String));
    await expect(ghl.contacts.delete('c-1')).resolves.toBeUndefined();
    expect(await ghl.contacts.addTags('c-1', ['vip'])).toEqual(expect.arrayContaining([expect.any(String)]));
    expect(await ghl.contacts.removeTags('c-1', ['vip'])).toEqual(expect.any(Array));
  });

  it('search has no example to parse: the spec declares no answer (the resource follows docs/ghl-api.md)', () => {
    expect(specExampleResponses('post', '/contacts/search')).toEqual([]);
  });
});
