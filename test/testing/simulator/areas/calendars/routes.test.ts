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

const MONDAY_CHICAGO = { start: Date.parse('2030-01-07T00:00:00-06:00'), end: Date.parse('2030-01-07T23:59:59-06:00') };

describe('GET /calendars/{calendarId}/free-slots', () => {
  it('computes slots from working hours, slot length, interval and timezone; keyed by date with a traceId', async () => {
    const calendar = sim.calendars.seed({
      name: 'Split day',
      timezone: 'America/Chicago',
      slotDuration: 60,
      slotInterval: 30,
      openHours: [{ daysOfTheWeek: [1], hours: [{ openHour: 9, openMinute: 0, closeHour: 11, closeMinute: 0 }, { openHour: 14, openMinute: 0, closeHour: 15, closeMinute: 0 }] }],
    });
    const res = await call('GET', `/calendars/${calendar.id}/free-slots?startDate=${MONDAY_CHICAGO.start}&endDate=${MONDAY_CHICAGO.end}&timezone=America/Chicago`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      '2030-01-07': { slots: ['2030-01-07T09:00:00-06:00', '2030-01-07T09:30:00-06:00', '2030-01-07T10:00:00-06:00', '2030-01-07T14:00:00-06:00'] },
      traceId: expect.any(String),
    });
    // The same slots written in another zone, keyed by that zone's date.
    const tokyo = await call('GET', `/calendars/${calendar.id}/free-slots?startDate=${MONDAY_CHICAGO.start}&endDate=${MONDAY_CHICAGO.end}&timezone=Asia/Tokyo`);
    expect(tokyo.body['2030-01-08'].slots[0]).toBe('2030-01-08T00:00:00+09:00');
    // Without `timezone`: the calendar's (the location's) zone.
    expect(Object.keys((await call('GET', `/calendars/${calendar.id}/free-slots?startDate=${MONDAY_CHICAGO.start}&endDate=${MONDAY_CHICAGO.end}`)).body)).toContain('2030-01-07');
  });

  it('refuses a range over 31 days (400), unreadable dates or timezone (422); unknown calendars 404', async () => {
    const calendar = sim.calendars.seed({ name: 'Sales' });
    const day = 24 * 60 * 60 * 1000;
    expect((await call('GET', `/calendars/${calendar.id}/free-slots?startDate=0&endDate=${32 * day}`)).status).toBe(400);
    expect((await call('GET', `/calendars/${calendar.id}/free-slots?startDate=0&endDate=${31 * day}`)).status).toBe(200);
    expect((await call('GET', `/calendars/${calendar.id}/free-slots?startDate=soon&endDate=later`)).status).toBe(422);
    expect((await call('GET', `/calendars/${calendar.id}/free-slots?startDate=0&endDate=1&timezone=Mars/Olympus`)).status).toBe(422);
    expect((await call('GET', '/calendars/nope/free-slots?startDate=0&endDate=1')).status).toBe(404);
  });
});

describe('POST /calendars/events/appointments', () => {
  it('books a free slot (200, the appointment), which then leaves the free slots; a taken or off-grid slot is a 400', async () => {
    const calendar = sim.calendars.seed({ name: 'Sales', timezone: 'America/Chicago' });
    const contact = sim.contacts.seed({ email: 'ada@example.com' });
    const booking = { calendarId: calendar.id, locationId: sim.locationId, contactId: contact.id, startTime: '2030-01-07T09:00:00-06:00' };
    const booked = await call('POST', '/calendars/events/appointments', booking);
    expect(booked).toMatchObject({ status: 200, body: { id: expect.any(String), ...booking, endTime: '2030-01-07T09:30:00-06:00', appointmentStatus: 'confirmed' } });
    const slots = await call('GET', `/calendars/${calendar.id}/free-slots?startDate=${MONDAY_CHICAGO.start}&endDate=${MONDAY_CHICAGO.end}`);
    expect(slots.body['2030-01-07'].slots).not.toContain('2030-01-07T09:00:00-06:00');
    expect(slots.body['2030-01-07'].slots).toHaveLength(15);

    expect(await call('POST', '/calendars/events/appointments', booking)).toMatchObject({ status: 400, body: { message: 'The slot you have selected is no longer available.' } });
    expect((await call('POST', '/calendars/events/appointments', { ...booking, startTime: '2030-01-07T09:10:00-06:00' })).status).toBe(400);
    expect((await call('POST', '/calendars/events/appointments', { ...booking, startTime: '2030-01-05T09:00:00-06:00' })).status).toBe(400); // a Saturday
    expect((await call('POST', '/calendars/events/appointments', { ...booking, ignoreFreeSlotValidation: true })).status).toBe(200);
    expect(sim.calendars.appointments()).toHaveLength(2);
  });

  it('validates like GHL: unknown fields and missing required ones are a 422; another location 403; unknown contact 400', async () => {
    const calendar = sim.calendars.seed({ name: 'Sales' });
    const contact = sim.contacts.seed({ email: 'ada@example.com' });
    const unknown = await call('POST', '/calendars/events/appointments', { calendarId: calendar.id, locationId: sim.locationId, contactId: contact.id, startTime: '2030-01-07T09:00:00Z', colour: 'red' });
    expect(unknown).toMatchObject({ status: 422, body: { message: ['property colour should not exist'] } });
    expect((await call('POST', '/calendars/events/appointments', { calendarId: calendar.id, locationId: sim.locationId })).body.message).toEqual(['contactId should not be empty', 'startTime should not be empty']);
    expect((await call('POST', '/calendars/events/appointments', { calendarId: calendar.id, locationId: 'other', contactId: contact.id, startTime: '2030-01-07T09:00:00Z' })).status).toBe(403);
    expect((await call('POST', '/calendars/events/appointments', { calendarId: calendar.id, locationId: sim.locationId, contactId: 'nobody', startTime: '2030-01-07T09:00:00Z' })).status).toBe(400);
    expect((await call('POST', '/calendars/events/appointments', { calendarId: calendar.id, locationId: sim.locationId, contactId: contact.id, startTime: 'tomorrow' })).status).toBe(422);
    expect(sim.calendars.appointments()).toHaveLength(0);
  });
});

describe('events, appointment get/update/delete and notes', () => {
  it('serves every route as the spec shapes them', async () => {
    const calendar = sim.calendars.seed({ name: 'Sales', groupId: 'g-1' });
    const contact = sim.contacts.seed({ email: 'ada@example.com' });
    const { body: booked } = await call('POST', '/calendars/events/appointments', { calendarId: calendar.id, locationId: sim.locationId, contactId: contact.id, startTime: '2030-01-07T09:00:00Z', assignedUserId: 'u-1' });
    const range = `startTime=${Date.parse('2030-01-07T00:00:00Z')}&endTime=${Date.parse('2030-01-08T00:00:00Z')}`;
    for (const filter of [`calendarId=${calendar.id}`, 'userId=u-1', 'groupId=g-1']) {
      expect((await call('GET', `/calendars/events?locationId=${sim.locationId}&${filter}&${range}`)).body.events).toEqual([expect.objectContaining({ id: booked.id, startTime: '2030-01-07T09:00:00+00:00' })]);
    }
    expect((await call('GET', `/calendars/events?locationId=${sim.locationId}&${range}`)).status).toBe(422);
    expect(await call('GET', `/calendars/events/appointments/${booked.id}`)).toMatchObject({ status: 200, body: { event: { id: booked.id, contactId: contact.id } } });

    const moved = await call('PUT', `/calendars/events/appointments/${booked.id}`, { startTime: '2030-01-07T10:00:00Z' });
    expect(moved).toMatchObject({ status: 200, body: { startTime: '2030-01-07T10:00:00+00:00', endTime: '2030-01-07T10:30:00+00:00' } });
    expect((await call('PUT', `/calendars/events/appointments/${booked.id}`, { locationId: sim.locationId })).status).toBe(422);

    expect(await call('POST', `/calendars/appointments/${booked.id}/notes`, { body: 'hello', userId: 'u-1' })).toMatchObject({ status: 201, body: { note: { id: expect.any(String), body: 'hello', userId: 'u-1' } } });
    expect(await call('GET', `/calendars/appointments/${booked.id}/notes?limit=20&offset=0`)).toMatchObject({ status: 200, body: { notes: [{ body: 'hello' }], hasMore: false } });
    expect((await call('GET', `/calendars/appointments/${booked.id}/notes?limit=21&offset=0`)).status).toBe(422);

    expect((await call('DELETE', `/calendars/events/${booked.id}`, { reason: 'x' })).status).toBe(422);
    expect(await call('DELETE', `/calendars/events/${booked.id}`, {})).toMatchObject({ status: 201, body: { succeeded: true } });
    expect((await call('GET', `/calendars/events/appointments/${booked.id}`)).status).toBe(404);
  });

  it('injects faults on every calendars route', async () => {
    const routes = [
      ['GET', `/calendars/?locationId=${sim.locationId}`],
      ['GET', '/calendars/x'],
      ['GET', '/calendars/x/free-slots?startDate=0&endDate=1'],
      ['GET', '/calendars/events'],
      ['POST', '/calendars/events/appointments'],
      ['GET', '/calendars/events/appointments/x'],
      ['PUT', '/calendars/events/appointments/x'],
      ['DELETE', '/calendars/events/x'],
      ['GET', '/calendars/appointments/x/notes'],
      ['POST', '/calendars/appointments/x/notes'],
    ] as const;
    for (const [method, path] of routes) {
      sim.injectFault({ route: `${method} ${path.split('?')[0]}`, kind: 'status', status: 502 });
      expect((await call(method, path, method === 'GET' ? undefined : {})).status, `${method} ${path}`).toBe(502);
    }
  });
});
