import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
let base: string;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken);
  base = `/locations/${sim.locationId}`;
});
afterEach(() => sim.close());

describe('GET /locations/{locationId}', () => {
  it("answers {location} with the agency's companyId; 403 for another location", async () => {
    sim.locations.seed({ name: 'Dental Co', timezone: 'America/Chicago' });
    expect(await call('GET', base)).toMatchObject({ status: 200, body: { location: { id: sim.locationId, companyId: sim.companyId, name: 'Dental Co' } } });
    expect((await call('GET', '/locations/other-location')).status).toBe(403);
  });

  it('answers with the X-RateLimit-* headers and takes injected faults, like every route', async () => {
    const answer = await call('GET', `${base}/tags`);
    expect(answer.headers.get('x-ratelimit-max')).toBe('100');
    expect(answer.headers.get('x-ratelimit-remaining')).toEqual(expect.any(String));
    sim.injectFault({ route: 'GET /locations/:locationId/tags', kind: 'status', status: 502 });
    expect((await call('GET', `${base}/tags`)).status).toBe(502);
  });
});

describe('custom fields', () => {
  it('create (201) derives fieldKey; list filters by model; update, get, delete; 404 for unknown ids', async () => {
    const created = await call('POST', `${base}/customFields`, { name: 'Lead Source', dataType: 'TEXT' });
    expect(created.status).toBe(201);
    expect(created.body.customField).toMatchObject({ name: 'Lead Source', dataType: 'TEXT', model: 'contact', fieldKey: 'contact.lead_source', locationId: sim.locationId });
    const id = created.body.customField.id as string;
    sim.locations.customFields.seed({ name: 'Deal size', model: 'opportunity', dataType: 'MONETORY' });

    expect((await call('GET', `${base}/customFields`)).body.customFields.map((f: { name: string }) => f.name)).toEqual(['Lead Source']);
    expect((await call('GET', `${base}/customFields?model=all`)).body.customFields).toHaveLength(2);
    expect((await call('GET', `${base}/customFields?model=company`)).status).toBe(422);
    expect((await call('PUT', `${base}/customFields/${id}`, { name: 'Source' })).body.customField.name).toBe('Source');
    expect((await call('GET', `${base}/customFields/${id}`)).body.customField.name).toBe('Source');
    expect((await call('DELETE', `${base}/customFields/${id}`)).body).toEqual({ succeded: true });
    expect((await call('GET', `${base}/customFields/${id}`)).status).toBe(404);
  });

  it('422 with a message array: required fields, the model enum, unknown fields; update takes no dataType', async () => {
    const invalid = await call('POST', `${base}/customFields`, { model: 'company', colour: 'red' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toEqual(['property colour should not exist', 'name should not be empty', 'dataType should not be empty', 'model must be one of the following values: contact, opportunity']);
    const field = sim.locations.customFields.seed({ name: 'Plan' });
    expect((await call('PUT', `${base}/customFields/${field.id}`, { name: 'Plan', dataType: 'TEXT' })).body.message).toEqual(['property dataType should not exist']);
  });
});

describe('custom values', () => {
  it('create (201), list, update (name and value required), delete', async () => {
    const created = await call('POST', `${base}/customValues`, { name: 'Booking Link', value: 'https://example.com/book' });
    expect(created.status).toBe(201);
    expect(created.body.customValue).toMatchObject({ name: 'Booking Link', value: 'https://example.com/book', fieldKey: '{{ custom_values.booking_link }}' });
    const id = created.body.customValue.id as string;
    expect((await call('GET', `${base}/customValues`)).body.customValues).toHaveLength(1);
    expect((await call('PUT', `${base}/customValues/${id}`, { value: 'x' })).body.message).toEqual(['name should not be empty']);
    expect((await call('PUT', `${base}/customValues/${id}`, { name: 'Booking URL', value: 'x' })).body.customValue).toMatchObject({ value: 'x', fieldKey: '{{ custom_values.booking_url }}' });
    expect((await call('DELETE', `${base}/customValues/${id}`)).status).toBe(200);
    expect((await call('DELETE', `${base}/customValues/${id}`)).status).toBe(404);
  });
});

describe('tags', () => {
  it('create (200, per the spec), list, get, rename, delete; 404 for unknown ids', async () => {
    const created = await call('POST', `${base}/tags`, { name: 'vip' });
    expect(created).toMatchObject({ status: 200, body: { tag: { name: 'vip', locationId: sim.locationId } } });
    const tagId = created.body.tag.id as string;
    expect((await call('GET', `${base}/tags`)).body.tags).toEqual([created.body.tag]);
    expect((await call('PUT', `${base}/tags/${tagId}`, { name: 'VIP' })).body.tag.name).toBe('VIP');
    expect((await call('GET', `${base}/tags/${tagId}`)).body.tag.name).toBe('VIP');
    expect((await call('POST', `${base}/tags`, {})).body.message).toEqual(['name should not be empty']);
    expect((await call('DELETE', `${base}/tags/${tagId}`)).status).toBe(200);
    expect((await call('PUT', `${base}/tags/${tagId}`, { name: 'x' })).status).toBe(404);
  });
});
