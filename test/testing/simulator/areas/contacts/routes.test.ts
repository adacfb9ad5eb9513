import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let now = Date.UTC(2026, 0, 1);
let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
let loc: string;
beforeEach(async () => {
  now = Date.UTC(2026, 0, 1);
  sim = await createGHLSimulator({ now: () => now });
  call = apiClient(sim.url, sim.issueTokens().accessToken);
  loc = sim.locationId;
});
afterEach(() => sim.close());

describe('POST /contacts/', () => {
  it('creates: 201 with the read shape of ghl-api.md §3.8', async () => {
    const res = await call('POST', '/contacts/', {
      locationId: loc,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.com',
      phone: '+15550001111',
      tags: ['vip', 'vip', 'beta'],
      customFields: [
        { id: 'cf1', field_value: 'x' },
        { key: 'plan', field_value: ['a', 'b'] },
      ],
      source: 'app',
    });
    expect(res.status).toBe(201);
    const contact = res.body.contact;
    expect(contact).toMatchObject({
      id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      locationId: loc,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.com',
      emailLowerCase: 'ada@example.com',
      firstNameLowerCase: 'ada',
      fullNameLowerCase: 'ada lovelace',
      phone: '+15550001111',
      tags: ['vip', 'beta'],
      source: 'app',
      dateAdded: '2026-01-01T00:00:00.000Z',
      dateUpdated: '2026-01-01T00:00:00.000Z',
    });
    expect(contact.customFields).toEqual([
      { id: 'cf1', value: 'x' },
      { id: expect.stringMatching(/^[A-Za-z0-9]{20}$/), value: ['a', 'b'] },
    ]);
    expect(sim.contacts.get(contact.id)).toEqual(contact);
  });

  it('rejects unknown properties with the whitelist 422', async () => {
    const res = await call('POST', '/contacts/', { locationId: loc, email: 'a@example.com', additionalEmails: ['b@example.com'] });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ message: ['property additionalEmails should not exist'], error: 'Unprocessable Entity', statusCode: 422 });
    expect(sim.contacts.list()).toEqual([]);
  });

  it('requires locationId and checks types and email format, one message per failure', async () => {
    const res = await call('POST', '/contacts/', { email: 'not-an-email', tags: 'vip', dnd: 'yes', firstName: 3, customFields: [{ field_value: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'locationId should not be empty',
        'email must be an email',
        'tags must be an array',
        'dnd must be a boolean value',
        'firstName must be a string',
        'customFields.0 must have an id or a key',
      ]),
    );
    expect((await call('POST', '/contacts/', { locationId: loc, tags: ['ok', 1] })).body.message).toEqual(['each value in tags must be a string']);
    expect(
      (await call('POST', '/contacts/', { locationId: loc, dndSettings: { SMS: { status: 'maybe' } } })).body.message,
    ).toEqual(['dndSettings.SMS.status must be one of the following values: active, inactive, permanent']);
    expect((await call('POST', '/contacts/', { locationId: loc, email: null, dndSettings: { SMS: { status: 'active' } } })).status).toBe(201);
  });

  it('answers 403 for another location, before validation', async () => {
    const res = await call('POST', '/contacts/', { locationId: 'other', bogus: true });
    expect(res.status).toBe(403);
  });

  it('rejects a duplicate email (case-insensitive) or phone with 400 and meta.contactId', async () => {
    const existing = sim.contacts.seed({ firstName: 'Ada', lastName: 'L', email: 'ada@example.com', phone: '+1 (555) 000-1111' });
    const byEmail = await call('POST', '/contacts/', { locationId: loc, email: 'ADA@example.com' });
    expect(byEmail.status).toBe(400);
    expect(byEmail.body).toEqual({
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      meta: { contactId: existing.id, contactName: 'Ada L', matchingField: 'email' },
    });
    const byPhone = await call('POST', '/contacts/', { locationId: loc, email: 'new@example.com', phone: '+15550001111' });
    expect(byPhone.body.meta).toMatchObject({ contactId: existing.id, matchingField: 'phone' });
    // Other locations do not count.
    sim.contacts.seed({ locationId: 'elsewhere', email: 'x@example.com' });
    expect((await call('POST', '/contacts/', { locationId: loc, email: 'x@example.com' })).status).toBe(201);
  });

  it('allows duplicates when the location does', async () => {
    const lax = await createGHLSimulator({ allowDuplicateContacts: true });
    try {
      const laxCall = apiClient(lax.url, lax.issueTokens().accessToken);
      const body = { locationId: lax.locationId, email: 'a@example.com' };
      expect((await laxCall('POST', '/contacts/', body)).status).toBe(201);
      expect((await laxCall('POST', '/contacts/', body)).status).toBe(201);
      expect(lax.contacts.list()).toHaveLength(2);
    } finally {
      await lax.close();
    }
  });
});

describe('POST /contacts/upsert (ghl-api.md §3.2)', () => {
  it('creates when nothing matches, then updates by email with tags overwritten', async () => {
    const created = await call('POST', '/contacts/upsert', { locationId: loc, email: 'a@example.com', firstName: 'A', tags: ['one', 'two'] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ new: true, traceId: expect.any(String), contact: { email: 'a@example.com', tags: ['one', 'two'] } });
    now += 1000;
    const updated = await call('POST', '/contacts/upsert', { locationId: loc, email: 'A@EXAMPLE.COM', lastName: 'B', tags: ['three'] });
    expect(updated.body).toMatchObject({ new: false, contact: { id: created.body.contact.id, firstName: 'A', lastName: 'B', tags: ['three'] } });
    expect(updated.body.contact.dateUpdated).toBe('2026-01-01T00:00:01.000Z');
    expect(updated.body.contact.dateAdded).toBe('2026-01-01T00:00:00.000Z');
    expect(sim.contacts.list()).toHaveLength(1);
  });

  it('matches by phone when the email matches nobody', async () => {
    const existing = sim.contacts.seed({ phone: '+15551234567' });
    const res = await call('POST', '/contacts/upsert', { locationId: loc, phone: '+15551234567', email: 'late@example.com' });
    expect(res.body).toMatchObject({ new: false, contact: { id: existing.id, email: 'late@example.com' } });
  });

  it('prefers the email match and drops a phone owned by another contact (https://github.com/GoHighLevel/highlevel-api-docs/issues/37)', async () => {
    const byEmail = sim.contacts.seed({ email: 'a@example.com', phone: '+15550000001' });
    const byPhone = sim.contacts.seed({ email: 'b@example.com', phone: '+15550000002' });
    const res = await call('POST', '/contacts/upsert', { locationId: loc, email: 'a@example.com', phone: '+15550000002' });
    expect(res.body.contact).toMatchObject({ id: byEmail.id, phone: '+15550000001' });
    expect(sim.contacts.get(byPhone.id)?.phone).toBe('+15550000002');
  });

  it('createNewIfDuplicateAllowed creates only when the location allows duplicates', async () => {
    sim.contacts.seed({ email: 'a@example.com' });
    const ignored = await call('POST', '/contacts/upsert', { locationId: loc, email: 'a@example.com', createNewIfDuplicateAllowed: true });
    expect(ignored.body.new).toBe(false);

    const lax = await createGHLSimulator({ allowDuplicateContacts: true });
    try {
      lax.contacts.seed({ email: 'a@example.com' });
      const laxCall = apiClient(lax.url, lax.issueTokens().accessToken);
      const forced = await laxCall('POST', '/contacts/upsert', { locationId: lax.locationId, email: 'a@example.com', createNewIfDuplicateAllowed: true });
      expect(forced.body.new).toBe(true);
      const normal = await laxCall('POST', '/contacts/upsert', { locationId: lax.locationId, email: 'a@example.com' });
      expect(normal.body.new).toBe(false);
      expect(lax.contacts.list()).toHaveLength(2);
    } finally {
      await lax.close();
    }
  });

  it('validates like create (plus createNewIfDuplicateAllowed)', async () => {
    const res = await call('POST', '/contacts/upsert', { locationId: loc, createNewIfDuplicateAllowed: 'yes', nope: 1 });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['property nope should not exist', 'createNewIfDuplicateAllowed must be a boolean value']);
  });
});

describe('GET / PUT / DELETE /contacts/:contactId', () => {
  it('gets a contact; unknown ids are 404, other locations 403', async () => {
    const { id } = sim.contacts.seed({ firstName: 'Grace' });
    const res = await call('GET', `/contacts/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ id, firstName: 'Grace' });
    expect(await call('GET', '/contacts/doesnotexist0000000')).toMatchObject({ status: 404, body: { statusCode: 404, message: 'Contact not found' } });
    const foreign = sim.contacts.seed({ locationId: 'elsewhere' });
    expect((await call('GET', `/contacts/${foreign.id}`)).status).toBe(403);
  });

  it('updates with "succeded" (sic); locationId, gender and companyName are not allowed (ghl-api.md §3.3)', async () => {
    const { id } = sim.contacts.seed({ firstName: 'Grace', email: 'g@example.com', tags: ['a'], customFields: [{ id: 'cf1', field_value: 'old' }] });
    const res = await call('PUT', `/contacts/${id}`, { lastName: 'Hopper', email: null, tags: ['b'], customFields: [{ id: 'cf2', field_value: 2 }] });
    expect(res.status).toBe(200);
    expect(res.body.succeded).toBe(true);
    expect(res.body.contact).toMatchObject({ id, firstName: 'Grace', lastName: 'Hopper', tags: ['b'] });
    expect(res.body.contact).not.toHaveProperty('email');
    expect(res.body.contact).not.toHaveProperty('emailLowerCase');
    expect(res.body.contact.customFields).toEqual([
      { id: 'cf1', value: 'old' },
      { id: 'cf2', value: 2 },
    ]);
    const rejected = await call('PUT', `/contacts/${id}`, { locationId: loc, gender: 'f', companyName: 'Navy' });
    expect(rejected.status).toBe(422);
    expect(rejected.body.message).toEqual(['property locationId should not exist', 'property gender should not exist', 'property companyName should not exist']);
  });

  it('refuses an update that would duplicate another contact', async () => {
    const other = sim.contacts.seed({ email: 'taken@example.com' });
    const { id } = sim.contacts.seed({ email: 'mine@example.com' });
    const res = await call('PUT', `/contacts/${id}`, { email: 'taken@example.com' });
    expect(res.status).toBe(400);
    expect(res.body.meta.contactId).toBe(other.id);
    expect((await call('PUT', `/contacts/${id}`, { email: 'mine@example.com', firstName: 'Me' })).status).toBe(200);
  });

  it('deletes', async () => {
    const { id } = sim.contacts.seed({});
    expect(await call('DELETE', `/contacts/${id}`)).toMatchObject({ status: 200, body: { succeded: true } });
    expect(sim.contacts.get(id)).toBeUndefined();
    expect((await call('DELETE', `/contacts/${id}`)).status).toBe(404);
  });
});

describe('tags (ghl-api.md §3.5)', () => {
  it('adds (201) and removes with a JSON body on DELETE (200), answering the tags afterwards', async () => {
    const { id } = sim.contacts.seed({ tags: ['a'] });
    expect(await call('POST', `/contacts/${id}/tags`, { tags: ['b', 'a', 'c'] })).toMatchObject({ status: 201, body: { tags: ['a', 'b', 'c'] } });
    expect(await call('DELETE', `/contacts/${id}/tags`, { tags: ['a', 'zzz'] })).toMatchObject({ status: 200, body: { tags: ['b', 'c'] } });
    expect(sim.contacts.get(id)?.tags).toEqual(['b', 'c']);
  });

  it('requires a tags array and nothing else', async () => {
    const { id } = sim.contacts.seed({});
    expect((await call('POST', `/contacts/${id}/tags`, {})).body.message).toEqual(['tags should not be empty']);
    expect((await call('POST', `/contacts/${id}/tags`, { tags: ['a'], extra: 1 })).body.message).toEqual(['property extra should not exist']);
    expect((await call('POST', '/contacts/missing/tags', { tags: ['a'] })).status).toBe(404);
  });
});

describe('GET /contacts/ (deprecated list)', () => {
  it('lists the location’s contacts with query, limit and startAfterId', async () => {
    const seeded = ['ann', 'bob', 'anna', 'cid'].map((firstName) => sim.contacts.seed({ firstName }));
    sim.contacts.seed({ locationId: 'elsewhere', firstName: 'ann' });
    const all = await call('GET', `/contacts/?locationId=${loc}`);
    expect(all.body.count).toBe(4);
    const page = await call('GET', `/contacts/?locationId=${loc}&query=AN&limit=1`);
    expect(page.body).toMatchObject({ count: 2, contacts: [{ id: seeded[0]?.id }] });
    const next = await call('GET', `/contacts/?locationId=${loc}&query=an&limit=1&startAfterId=${seeded[0]?.id}`);
    expect(next.body.contacts.map((c: { id: string }) => c.id)).toEqual([seeded[2]?.id]);
    expect((await call('GET', '/contacts/')).status).toBe(422);
    expect((await call('GET', `/contacts/?locationId=${loc}&limit=101`)).status).toBe(422);
  });
});

describe('contacts helpers', () => {
  it('hand out copies and can be cleared', () => {
    const seeded = sim.contacts.seed({ id: 'fixedid0000000000000', email: 'a@example.com' });
    seeded.tags.push('mutated');
    expect(sim.contacts.get('fixedid0000000000000')?.tags).toEqual([]);
    sim.contacts.clear();
    expect(sim.contacts.list()).toEqual([]);
  });
});
