import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLNotFoundError, GHLValidationError } from '../../../src/errors.js';
import { testClient } from '../../helpers/client.js';
import { rejection, route } from '../../helpers/msw-route.js';
import { countRequests } from '../../msw.js';

const makeClient = () => testClient({ retry: { retries: 3, minDelayMs: 1 } });
const FIELD = { id: 'cf-1', name: 'Lead Source', fieldKey: 'contact.lead_source', dataType: 'TEXT', model: 'contact' };
const VALUE = { id: 'cv-1', name: 'Booking Link', value: 'https://example.com', fieldKey: '{{ custom_values.booking_link }}' };
const TAG = { id: 'tag-1', name: 'vip', locationId: 'loc-1' };

describe('locations.get', () => {
  it("GETs the client's location by default, or the one named", async () => {
    const seen = route('get', '/locations/:locationId', { location: { id: 'loc-1', companyId: 'co-1', name: 'Dental' } });
    expect(await makeClient().locations.get()).toEqual({ id: 'loc-1', companyId: 'co-1', name: 'Dental' });
    await makeClient().locations.get('loc-2');
    expect(seen.map((request) => request.path)).toEqual(['/locations/loc-1', '/locations/loc-2']);
    expect(seen[0]?.headers.get('version')).toBe('2021-07-28');
  });
});

describe('locations.customFields', () => {
  it('list (model query), get, create, update, delete under the client location', async () => {
    const list = route('get', '/locations/:locationId/customFields', { customFields: [FIELD] });
    const created = route('post', '/locations/:locationId/customFields', { status: 201, body: { customField: FIELD } });
    const one = route('get', '/locations/:locationId/customFields/:id', { customField: FIELD });
    const updated = route('put', '/locations/:locationId/customFields/:id', { customField: FIELD });
    const deleted = route('delete', '/locations/:locationId/customFields/:id', { succeded: true });
    const fields = makeClient().locations.customFields;
    expect(await fields.list({ model: 'all' })).toEqual([FIELD]);
    await fields.list();
    expect(await fields.create({ name: 'Lead Source', dataType: 'TEXT', model: 'contact', position: 2 })).toEqual(FIELD);
    expect(await fields.get('cf-1')).toEqual(FIELD);
    await fields.update('cf-1', { name: 'Source', placeholder: 'Where from?' });
    await fields.delete('cf-1');
    expect(list.map((request) => request.query.toString())).toEqual(['model=all', '']);
    expect(created[0]).toMatchObject({ path: '/locations/loc-1/customFields', body: { name: 'Lead Source', dataType: 'TEXT', model: 'contact', position: 2 } });
    expect(one[0]?.path).toBe('/locations/loc-1/customFields/cf-1');
    expect(updated[0]?.body).toEqual({ name: 'Source', placeholder: 'Where from?' });
    expect(deleted[0]?.method).toBe('DELETE');
  });

  it('refuses a model outside the spec enum, a missing dataType, dataType on update, unknown fields: nothing sent', async () => {
    const sent = countRequests();
    const fields = makeClient().locations.customFields;
    const paths = async (promise: Promise<unknown>) => ((await rejection(promise)) as GHLValidationError).issues.map((issue) => issue.path);
    expect(await paths(fields.list({ model: 'company' as never }))).toEqual(['model']);
    expect(await paths(fields.create({ name: 'X' } as never))).toEqual(['dataType']);
    expect(await paths(fields.create({ name: 'X', dataType: 'TEXT', model: 'company' as never }))).toEqual(['model']);
    expect(await paths(fields.update('cf-1', { name: 'X', dataType: 'TEXT' } as never))).toEqual(['dataType']);
    expect(await paths(fields.get('../tags'))).toEqual(['id']);
    expect(sent.count).toBe(0);
  });
});

describe('locations.customValues', () => {
  it('list, get, create, update (name and value), delete', async () => {
    route('get', '/locations/:locationId/customValues', { customValues: [VALUE] });
    const created = route('post', '/locations/:locationId/customValues', { status: 201, body: { customValue: VALUE } });
    route('get', '/locations/:locationId/customValues/:id', { customValue: VALUE });
    const updated = route('put', '/locations/:locationId/customValues/:id', { customValue: VALUE });
    route('delete', '/locations/:locationId/customValues/:id', { succeded: true });
    const values = makeClient().locations.customValues;
    expect(await values.list()).toEqual([VALUE]);
    expect(await values.create({ name: 'Booking Link', value: 'https://example.com' })).toEqual(VALUE);
    expect(await values.get('cv-1')).toEqual(VALUE);
    await values.update('cv-1', { name: 'Booking Link', value: 'https://example.org' });
    await values.delete('cv-1');
    expect(created[0]?.body).toEqual({ name: 'Booking Link', value: 'https://example.com' });
    expect(updated[0]).toMatchObject({ path: '/locations/loc-1/customValues/cv-1', body: { name: 'Booking Link', value: 'https://example.org' } });
  });

  it('an update without a name is refused (GHL requires both); a dropped create is not replayed', async () => {
    const sent = countRequests();
    expect(await rejection(makeClient().locations.customValues.update('cv-1', { value: 'x' } as never))).toBeInstanceOf(GHLValidationError);
    expect(sent.count).toBe(0);
    const seen = route('post', '/locations/:locationId/customValues', 'drop');
    const error = (await rejection(makeClient().locations.customValues.create({ name: 'A', value: 'b' }))) as GHLConnectionError;
    expect(error.message).toContain('list the custom values to see whether it was created before creating it again');
    expect(seen).toHaveLength(1);
  });
});

describe('locations.tags', () => {
  it('list, create, update, delete; a 404 is GHLNotFoundError; a GET is retried after a 502', async () => {
    const list = route('get', '/locations/:locationId/tags', { status: 502 }, { tags: [TAG] });
    const created = route('post', '/locations/:locationId/tags', { tag: TAG });
    const updated = route('put', '/locations/:locationId/tags/:tagId', { status: 404, body: { statusCode: 404, message: 'Tag not found' } });
    route('delete', '/locations/:locationId/tags/:tagId', { succeded: true });
    const tags = makeClient().locations.tags;
    expect(await tags.list()).toEqual([TAG]);
    expect(list).toHaveLength(2);
    expect(await tags.create({ name: 'vip' })).toEqual(TAG);
    expect(created[0]?.body).toEqual({ name: 'vip' });
    expect(await rejection(tags.update('nope', { name: 'VIP' }))).toBeInstanceOf(GHLNotFoundError);
    expect(updated[0]?.path).toBe('/locations/loc-1/tags/nope');
    await expect(tags.delete('tag-1')).resolves.toBeUndefined();
  });

  it('refuses a blank name before sending', async () => {
    const sent = countRequests();
    expect(((await rejection(makeClient().locations.tags.create({ name: ' ' }))) as GHLValidationError).issues[0]?.path).toBe('name');
    expect(sent.count).toBe(0);
  });
});
