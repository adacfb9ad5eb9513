import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken, { version: '2021-04-15' });
});
afterEach(() => sim.close());

describe('GET /calendars/', () => {
  it("lists the location's calendars, filtered by groupId", async () => {
    const sales = sim.calendars.seed({ name: 'Sales', groupId: 'g-1' });
    const support = sim.calendars.seed({ name: 'Support' });
    sim.calendars.seed({ name: 'Elsewhere', locationId: 'other-location' });

    const all = await call('GET', `/calendars/?locationId=${sim.locationId}`);
    expect(all.status).toBe(200);
    expect(all.body.calendars).toEqual([sales, support]);
    expect((await call('GET', `/calendars/?locationId=${sim.locationId}&groupId=g-1`)).body.calendars).toEqual([sales]);
  });

  it('needs locationId (422) and the token’s own location (403)', async () => {
    expect((await call('GET', '/calendars/')).status).toBe(422);
    expect((await call('GET', '/calendars/?locationId=other-location')).status).toBe(403);
  });

  it('takes Version 2021-04-15 only, like GHL’s calendars', async () => {
    const wrong = apiClient(sim.url, sim.issueTokens().accessToken, { version: '2021-07-28' });
    const res = await wrong('GET', `/calendars/?locationId=${sim.locationId}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('2021-04-15');
  });
});

describe('GET /calendars/{calendarId}', () => {
  it('answers {calendar}; 404 for an unknown id, 403 for another location’s', async () => {
    const mine = sim.calendars.seed({ name: 'Sales' });
    const theirs = sim.calendars.seed({ name: 'Theirs', locationId: 'other-location' });
    expect(await call('GET', `/calendars/${mine.id}`)).toMatchObject({ status: 200, body: { calendar: mine } });
    expect((await call('GET', '/calendars/nope')).status).toBe(404);
    expect((await call('GET', `/calendars/${theirs.id}`)).status).toBe(403);
  });
});
