import { describe, expect, it } from 'vitest';
import { GHLBadRequestError, GHLConnectionError } from '../../src/errors.js';
import { simulatorClient } from '../helpers/simulator.js';

// End to end: `ghl.api` against the simulator (a real HTTP server on 127.0.0.1 with single-use,
// rotating refresh tokens) gets the same token, retry and replay handling as `ghl.contacts`.

describe('ghl.api against the simulator', () => {
  it('20 concurrent calls on an expired token: one refresh, rotated token saved, every call answered', async () => {
    const { sim, ghl, store } = await simulatorClient({ tokens: 'expired' });
    const seeded = sim.contacts.seed({ email: 'ada@example.com' });

    const results = await Promise.all(Array.from({ length: 20 }, () => ghl.api.get('/contacts/{contactId}', { path: { contactId: seeded.id } })));

    expect(results.map((result) => result.contact?.id)).toEqual(Array(20).fill(seeded.id));
    expect(sim.stats).toMatchObject({ tokenRequests: 1, refreshGrants: 1, invalidGrants: 0, unauthorized: 0 });
    await expect(store.get(sim.locationId)).resolves.toMatchObject({ refreshToken: sim.currentRefreshToken() });
  });

  it('a 401 leads to one refresh and one replay, then success', async () => {
    const { sim, ghl, issued } = await simulatorClient();
    const seeded = sim.contacts.seed({ email: 'ada@example.com' });
    sim.revokeAccessToken(issued.accessToken);

    const result = await ghl.api.put('/contacts/{contactId}', { path: { contactId: seeded.id }, body: { firstName: 'Ada' } });

    expect(result.contact?.firstName).toBe('Ada');
    expect(sim.stats).toMatchObject({ unauthorized: 1, refreshGrants: 1, byRoute: { 'PUT /contacts/:contactId': 2 } });
  });

  it('a GET is retried through a 503 and a dropped connection; the rate-limit snapshot is kept', async () => {
    const { sim, ghl } = await simulatorClient({ sim: { rateLimit: {} }, tokens: 'pit' });
    const seeded = sim.contacts.seed({ email: 'ada@example.com' });
    sim.injectFault({ route: 'GET /contacts/:contactId', kind: 'status', status: 503 });
    sim.injectFault({ route: 'GET /contacts/:contactId', kind: 'drop' });

    const result = await ghl.api.get('/contacts/{contactId}', { path: { contactId: seeded.id } });

    expect(result.contact?.email).toBe('ada@example.com');
    expect(sim.stats.byRoute['GET /contacts/:contactId']).toBe(3);
    expect(ghl.rateLimit?.max).toBe(100);
  });

  it('a create whose connection drops after GHL processed it is not replayed: one contact, a GHLConnectionError', async () => {
    const { sim, ghl } = await simulatorClient();
    sim.injectFault({ route: 'POST /contacts/', kind: 'dropAfterProcessing' });

    await expect(ghl.api.post('/contacts/', { body: { locationId: sim.locationId, email: 'ada@example.com' } })).rejects.toBeInstanceOf(GHLConnectionError);

    expect(sim.contacts.list()).toHaveLength(1);
    expect(sim.stats.byRoute['POST /contacts/']).toBe(1);
  });

  it('an upsert marked idempotent is replayed after the same drop, and still yields one contact', async () => {
    const { sim, ghl } = await simulatorClient();
    sim.injectFault({ route: 'POST /contacts/upsert', kind: 'dropAfterProcessing' });

    const result = await ghl.api.post('/contacts/upsert', { body: { locationId: sim.locationId, email: 'ada@example.com' }, idempotent: true });

    expect(result.contact?.email).toBe('ada@example.com');
    expect(sim.contacts.list()).toHaveLength(1);
    expect(sim.stats.byRoute['POST /contacts/upsert']).toBe(2);
  });

  it('an operation of a 2021-04-15 file is sent with that Version, without the caller naming it', async () => {
    const { sim, ghl } = await simulatorClient();
    const sales = sim.calendars.seed({ name: 'Sales' });

    const { calendars } = await ghl.api.get('/calendars/', { query: { locationId: sim.locationId } });
    const { calendar } = await ghl.api.get('/calendars/{calendarId}', { path: { calendarId: sales.id } });

    expect(calendars?.map((c) => c.name)).toEqual(['Sales']);
    expect(calendar?.id).toBe(sales.id);
    // The client-wide default (2021-07-28) is what an untyped call without `version` sends: GHL refuses it.
    await expect(ghl.request({ method: 'GET', path: '/calendars/', query: { locationId: sim.locationId } })).rejects.toBeInstanceOf(GHLBadRequestError);
  });
});
