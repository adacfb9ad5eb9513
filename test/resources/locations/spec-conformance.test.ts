import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { GHL_BASE } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

describe('locations: every request conforms to spec/apps/locations.json', () => {
  it('get, custom fields, custom values and tags: path, Version, query and body fields', async () => {
    const recorder = recordRequests();
    const { ghl } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });

    await ghl.locations.get();
    const field = await ghl.locations.customFields.create({ name: 'Lead Source', dataType: 'TEXT', placeholder: 'Where from?', position: 1, model: 'contact', acceptedFormat: ['.pdf'], isMultipleFile: false, maxNumberOfFiles: 1, textBoxListOptions: [{ label: 'First', prefillValue: '' }] });
    await ghl.locations.customFields.list({ model: 'all' });
    await ghl.locations.customFields.get(field.id);
    await ghl.locations.customFields.update(field.id, { name: 'Source', model: 'contact' });
    await ghl.locations.customFields.delete(field.id);
    const value = await ghl.locations.customValues.create({ name: 'Booking Link', value: 'https://example.com' });
    await ghl.locations.customValues.list();
    await ghl.locations.customValues.get(value.id);
    await ghl.locations.customValues.update(value.id, { name: 'Booking Link', value: 'https://example.org' });
    await ghl.locations.customValues.delete(value.id);
    const tag = await ghl.locations.tags.create({ name: 'vip' });
    await ghl.locations.tags.list();
    await ghl.locations.tags.update(tag.id, { name: 'VIP' });
    await ghl.locations.tags.delete(tag.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation)).size).toBe(15);
  });
});

describe('locations: every spec example answer parses through the resource', () => {
  it('get, custom fields, custom values and tags', async () => {
    const operations = [
      ['get', '/locations/{locationId}'],
      ['get', '/locations/{locationId}/customFields'],
      ['post', '/locations/{locationId}/customFields'],
      ['get', '/locations/{locationId}/customFields/{id}'],
      ['put', '/locations/{locationId}/customFields/{id}'],
      ['delete', '/locations/{locationId}/customFields/{id}'],
      ['get', '/locations/{locationId}/customValues'],
      ['post', '/locations/{locationId}/customValues'],
      ['get', '/locations/{locationId}/customValues/{id}'],
      ['put', '/locations/{locationId}/customValues/{id}'],
      ['delete', '/locations/{locationId}/customValues/{id}'],
      ['get', '/locations/{locationId}/tags'],
      ['post', '/locations/{locationId}/tags'],
      ['put', '/locations/{locationId}/tags/{tagId}'],
      ['delete', '/locations/{locationId}/tags/{tagId}'],
    ] as const;
    for (const [method, template] of operations) {
      const [example] = specExampleResponses(method, template);
      expect(example, `${method} ${template}`).toBeDefined();
      server.use(http[method](`${GHL_BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })));
    }
    const { locations } = testClient();
    expect((await locations.get()).id).toEqual(expect.any(String));
    expect((await locations.customFields.list())[0]?.id).toEqual(expect.any(String));
    expect((await locations.customFields.create({ name: 'x', dataType: 'TEXT' })).id).toEqual(expect.any(String));
    expect((await locations.customFields.get('cf-1')).id).toEqual(expect.any(String));
    expect((await locations.customFields.update('cf-1', { name: 'x' })).id).toEqual(expect.any(String));
    await expect(locations.customFields.delete('cf-1')).resolves.toBeUndefined();
    expect((await locations.customValues.list())[0]?.id).toEqual(expect.any(String));
    expect((await locations.customValues.create({ name: 'x', value: 'y' })).id).toEqual(expect.any(String));
    expect((await locations.customValues.get('cv-1')).id).toEqual(expect.any(String));
    expect((await locations.customValues.update('cv-1', { name: 'x', value: 'y' })).id).toEqual(expect.any(String));
    await expect(locations.customValues.delete('cv-1')).resolves.toBeUndefined();
    expect((await locations.tags.list())[0]?.id).toEqual(expect.any(String));
    expect((await locations.tags.create({ name: 'x' })).id).toEqual(expect.any(String));
    expect((await locations.tags.update('t-1', { name: 'x' })).id).toEqual(expect.any(String));
    await expect(locations.tags.delete('t-1')).resolves.toBeUndefined();
  });
});
