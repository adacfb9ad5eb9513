import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLNotFoundError, GHLValidationError } from '../../../src/errors.js';
import { rejection } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';

describe('locations end to end', () => {
  it("get reads the client's location", async () => {
    const { ghl, sim } = await simulatorClient();
    sim.locations.seed({ name: 'Dental Co' });
    expect(await ghl.locations.get()).toMatchObject({ id: sim.locationId, companyId: sim.companyId, name: 'Dental Co' });
  });

  it('custom fields: create, list by model, get, update, delete; unknown id is GHLNotFoundError', async () => {
    const { ghl, sim } = await simulatorClient();
    const field = await ghl.locations.customFields.create({ name: 'Lead Source', dataType: 'TEXT' });
    expect(field.fieldKey).toBe('contact.lead_source');
    sim.locations.customFields.seed({ name: 'Deal size', model: 'opportunity' });
    expect((await ghl.locations.customFields.list()).map((f) => f.name)).toEqual(['Lead Source']);
    expect(await ghl.locations.customFields.list({ model: 'all' })).toHaveLength(2);
    expect((await ghl.locations.customFields.update(field.id, { name: 'Source' })).name).toBe('Source');
    expect((await ghl.locations.customFields.get(field.id)).name).toBe('Source');
    await ghl.locations.customFields.delete(field.id);
    expect(await rejection(ghl.locations.customFields.get(field.id))).toBeInstanceOf(GHLNotFoundError);

    sim.injectFault({ route: 'POST /locations/:locationId/customFields', kind: 'dropAfterProcessing' });
    const dropped = (await rejection(ghl.locations.customFields.create({ name: 'Plan', dataType: 'TEXT' }))) as GHLConnectionError;
    expect(dropped.message).toContain('not replayed (list the custom fields');
    expect(sim.locations.customFields.list().filter((f) => f.name === 'Plan')).toHaveLength(1);
  });

  it('custom values and tags: CRUD; a dropped create leaves one record; bad input sends nothing; a GET is retried after 503', async () => {
    const { ghl, sim } = await simulatorClient();
    sim.injectFault({ route: 'POST /locations/:locationId/customValues', kind: 'dropAfterProcessing' });
    expect(await rejection(ghl.locations.customValues.create({ name: 'Booking Link', value: 'https://example.com' }))).toBeInstanceOf(GHLConnectionError);
    expect(sim.locations.customValues.list()).toHaveLength(1);
    const [value] = await ghl.locations.customValues.list();
    expect((await ghl.locations.customValues.update(value?.id ?? '', { name: 'Booking Link', value: 'https://example.org' })).value).toBe('https://example.org');
    expect((await ghl.locations.customValues.get(value?.id ?? '')).value).toBe('https://example.org');
    await ghl.locations.customValues.delete(value?.id ?? '');
    expect(await rejection(ghl.locations.customValues.get(value?.id ?? ''))).toBeInstanceOf(GHLNotFoundError);

    sim.injectFault({ route: 'POST /locations/:locationId/tags', kind: 'dropAfterProcessing' });
    const error = (await rejection(ghl.locations.tags.create({ name: 'vip' }))) as GHLConnectionError;
    expect(error.message).toContain('list the tags to see whether it was created');
    expect(sim.locations.tags.list()).toHaveLength(1);
    const [tag] = await ghl.locations.tags.list();
    expect((await ghl.locations.tags.update(tag?.id ?? '', { name: 'VIP' })).name).toBe('VIP');
    await ghl.locations.tags.delete(tag?.id ?? '');
    expect(await rejection(ghl.locations.tags.delete(tag?.id ?? ''))).toBeInstanceOf(GHLNotFoundError);

    sim.resetStats();
    expect(await rejection(ghl.locations.tags.create({ name: '' }))).toBeInstanceOf(GHLValidationError);
    expect(await rejection(ghl.locations.customFields.create({ name: 'x', dataType: 'TEXT', model: 'company' as never }))).toBeInstanceOf(GHLValidationError);
    expect(sim.stats.apiRequests).toBe(0);
    sim.injectFault({ route: 'GET /locations/:locationId/tags', kind: 'status', status: 503 });
    expect(await ghl.locations.tags.list()).toEqual([]);
    expect(sim.stats.byRoute['GET /locations/:locationId/tags']).toBe(2);
  });
});
