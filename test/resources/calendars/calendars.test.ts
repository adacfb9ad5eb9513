import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLRateLimitError, GHLResponseError, GHLServerError, GHLValidationError } from '../../../src/errors.js';
import { testClient } from '../../helpers/client.js';
import { route as recordedRoute } from '../../helpers/msw-route.js';
import { countRequests } from '../../msw.js';

// ghl.calendars at the HTTP level (msw): method, path, Version, query and body as sent; validation
// before sending; the answers' shapes.

const APPOINTMENT = { id: 'ap-1', calendarId: 'cal-1', locationId: 'loc-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00-06:00' };

describe('calendars: what is sent', () => {
  it('sends Version 2021-04-15 and the client’s locationId on every request', async () => {
    const list = recordedRoute('get', '/calendars/', { calendars: [{ id: 'cal-1', locationId: 'loc-1', name: 'Sales' }] });
    const get = recordedRoute('get', '/calendars/:id', { calendar: { id: 'cal-1', locationId: 'loc-1', name: 'Sales' } });
    const slots = recordedRoute('get', '/calendars/:id/free-slots', {});
    const events = recordedRoute('get', '/calendars/events', { events: [] });
    const ghl = testClient();
    await ghl.calendars.list({ groupId: 'g-1' });
    await ghl.calendars.get('cal-1');
    await ghl.calendars.freeSlots('cal-1', { startDate: 1_893_974_400_000, endDate: 1_894_060_800_000 });
    await ghl.calendars.events.list({ calendarId: 'cal-1', startTime: 1_893_974_400_000, endTime: 1_894_060_800_000 });
    for (const [seen] of [list, get, slots, events]) expect(seen?.headers.get('version')).toBe('2021-04-15');
    expect(Object.fromEntries(list[0]?.query ?? [])).toEqual({ locationId: 'loc-1', groupId: 'g-1' });
    expect(get[0]?.path).toBe('/calendars/cal-1');
    expect(events[0]?.query.get('locationId')).toBe('loc-1');
  });

  it('sends free-slot and event ranges as epoch milliseconds, whatever form the times came in', async () => {
    const slots = recordedRoute('get', '/calendars/:id/free-slots', {});
    const events = recordedRoute('get', '/calendars/events', { events: [] });
    const ghl = testClient();
    await ghl.calendars.freeSlots('cal-1', { startDate: new Date('2030-01-07T00:00:00Z'), endDate: '2030-01-08T00:00:00+01:00', timezone: 'Europe/Paris', userId: 'u-1' });
    await ghl.calendars.events.list({ userId: 'u-1', startTime: '2030-01-07T00:00:00Z', endTime: new Date('2030-01-08T00:00:00Z') });
    expect(Object.fromEntries(slots[0]?.query ?? [])).toEqual({ startDate: '1893974400000', endDate: '1894057200000', timezone: 'Europe/Paris', userId: 'u-1' });
    expect(Object.fromEntries(events[0]?.query ?? [])).toEqual({ locationId: 'loc-1', userId: 'u-1', startTime: '1893974400000', endTime: '1894060800000' });
  });

  it('sends appointment times as ISO strings: a string as written, a Date or epoch ms in UTC', async () => {
    const create = recordedRoute('post', '/calendars/events/appointments', APPOINTMENT);
    const update = recordedRoute('put', '/calendars/events/appointments/:id', APPOINTMENT);
    const ghl = testClient();
    await ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00-06:00', endTime: Date.parse('2030-01-07T16:30:00Z'), title: 'Intro', toNotify: false });
    await ghl.calendars.appointments.update('ap-1', { startTime: new Date('2030-01-08T16:00:00Z'), appointmentStatus: 'confirmed' });
    expect(create[0]?.body).toEqual({ calendarId: 'cal-1', contactId: 'c-1', locationId: 'loc-1', startTime: '2030-01-07T10:00:00-06:00', endTime: '2030-01-07T16:30:00.000Z', title: 'Intro', toNotify: false });
    expect(create[0]?.headers.get('version')).toBe('2021-04-15');
    expect(update[0]?.body).toEqual({ startTime: '2030-01-08T16:00:00.000Z', appointmentStatus: 'confirmed' });
  });

  it('deletes with an empty JSON body, reads {event} and notes pages', async () => {
    const del = recordedRoute('delete', '/calendars/events/:id', { status: 201, body: { succeeded: true } });
    recordedRoute('get', '/calendars/events/appointments/:id', { event: { id: 'ap-1', title: 'Intro' } });
    const notes = recordedRoute('get', '/calendars/appointments/:id/notes', { notes: Array.from({ length: 20 }, (_, i) => ({ id: `n-${i}` })), hasMore: true }, { notes: [{ id: 'n-20' }], hasMore: false });
    const addNote = recordedRoute('post', '/calendars/appointments/:id/notes', { status: 201, body: { note: { id: 'n-21', body: 'hi' } } });
    const ghl = testClient();
    await ghl.calendars.appointments.delete('ap-1');
    expect(del[0]?.body).toEqual({});
    expect(await ghl.calendars.appointments.get('ap-1')).toEqual({ id: 'ap-1', title: 'Intro' });
    const ids = [];
    for await (const note of ghl.calendars.appointments.notes.list('ap-1')) ids.push(note.id);
    expect(ids).toHaveLength(21);
    expect(notes.map((seen) => [seen.query.get('limit'), seen.query.get('offset')])).toEqual([['20', '0'], ['20', '20']]);
    expect(await ghl.calendars.appointments.notes.create('ap-1', { body: 'hi', userId: 'u-1' })).toEqual({ id: 'n-21', body: 'hi' });
    expect(addNote[0]?.body).toEqual({ body: 'hi', userId: 'u-1' });
  });

  it('keeps ids in their path segment', async () => {
    const seen = recordedRoute('get', '/calendars/events/appointments/:id', { event: { id: 'x' } });
    await testClient().calendars.appointments.get('a/b?c');
    expect(seen[0]?.path).toBe('/calendars/events/appointments/a%2Fb%3Fc');
    await expect(testClient().calendars.get('..')).rejects.toBeInstanceOf(GHLValidationError);
  });
});

describe('calendars: free slots come back typed and sorted', () => {
  it('one entry per date key, sorted by date and by instant; traceId and other non-date keys are not days', async () => {
    recordedRoute('get', '/calendars/:id/free-slots', {
      '2024-10-29': { slots: ['2024-10-29T14:30:00-05:00', '2024-10-29T10:00:00-05:00'] },
      traceId: 'tr-1',
      '2024-10-28': { slots: ['2024-10-28T11:00:00-05:00', '2024-10-28T10:30:00-04:00'] },
      _dates_: { whatever: true },
    });
    const days = await testClient().calendars.freeSlots('cal-1', { startDate: '2024-10-28T00:00:00Z', endDate: '2024-10-30T00:00:00Z' });
    expect(days).toEqual([
      { date: '2024-10-28', slots: ['2024-10-28T10:30:00-04:00', '2024-10-28T11:00:00-05:00'] },
      { date: '2024-10-29', slots: ['2024-10-29T10:00:00-05:00', '2024-10-29T14:30:00-05:00'] },
    ]);
  });

  it('a date key without a slot list is a GHLResponseError', async () => {
    recordedRoute('get', '/calendars/:id/free-slots', { '2024-10-28': { nope: [] } });
    await expect(testClient().calendars.freeSlots('cal-1', { startDate: '2024-10-28T00:00:00Z', endDate: '2024-10-29T00:00:00Z' })).rejects.toBeInstanceOf(GHLResponseError);
  });

  it('malformed answers are GHLResponseErrors', async () => {
    recordedRoute('get', '/calendars/', { calendars: [{ name: 'no id' }] });
    recordedRoute('post', '/calendars/events/appointments', { ok: true });
    const ghl = testClient();
    await expect(ghl.calendars.list()).rejects.toBeInstanceOf(GHLResponseError);
    await expect(ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z' })).rejects.toBeInstanceOf(GHLResponseError);
  });
});

describe('calendars: bad input sends nothing and names the field', () => {
  const cases: Array<[string, (ghl: ReturnType<typeof testClient>) => Promise<unknown>, string]> = [
    ['free-slot range over 31 days', (ghl) => ghl.calendars.freeSlots('cal-1', { startDate: '2030-01-01T00:00:00Z', endDate: '2030-02-02T00:00:00Z' }), 'endDate'],
    ['free-slot end before start', (ghl) => ghl.calendars.freeSlots('cal-1', { startDate: '2030-01-02T00:00:00Z', endDate: '2030-01-01T00:00:00Z' }), 'endDate'],
    ['epoch seconds for milliseconds', (ghl) => ghl.calendars.freeSlots('cal-1', { startDate: 1_893_974_400, endDate: 1_894_060_800_000 }), 'startDate'],
    ['an ISO string without an offset', (ghl) => ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00' }), 'startTime'],
    ['appointment end before start', (ghl) => ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z', endTime: '2030-01-07T09:00:00Z' }), 'endTime'],
    ['a missing contactId', (ghl) => ghl.calendars.appointments.create({ calendarId: 'cal-1', startTime: '2030-01-07T10:00:00Z' } as never), 'contactId'],
    ['an unknown field', (ghl) => ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z', colour: 'red' } as never), 'colour'],
    ['events without calendar, user or group', (ghl) => ghl.calendars.events.list({ startTime: '2030-01-07T00:00:00Z', endTime: '2030-01-08T00:00:00Z' }), 'calendarId'],
    ['events end not after start', (ghl) => ghl.calendars.events.list({ calendarId: 'cal-1', startTime: '2030-01-07T00:00:00Z', endTime: '2030-01-07T00:00:00Z' }), 'endTime'],
    ['an empty note', (ghl) => ghl.calendars.appointments.notes.create('ap-1', { body: '' }), 'body'],
    ['an update moving the end before the start', (ghl) => ghl.calendars.appointments.update('ap-1', { startTime: '2030-01-07T10:00:00Z', endTime: '2030-01-07T10:00:00Z' }), 'endTime'],
  ];
  it.each(cases)('%s', async (_name, run, field) => {
    const requests = countRequests();
    const error = await run(testClient()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((issue) => issue.path)).toContain(field);
    expect(requests.count).toBe(0);
  });
});

describe('calendars: no double booking', () => {
  it('appointments.create is not replayed after a 5xx or a dropped connection; the error names the safe next step', async () => {
    const failing = recordedRoute('post', '/calendars/events/appointments', { status: 502 });
    const ghl = testClient();
    const error = await ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GHLServerError);
    expect((error as Error).message).toMatch(/not replayed \(list the calendar's events for that slot with ghl\.calendars\.events\.list/);
    expect(failing).toHaveLength(1);

    const dropped = recordedRoute('post', '/calendars/events/appointments', 'drop');
    await expect(ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z' })).rejects.toBeInstanceOf(GHLConnectionError);
    expect(dropped).toHaveLength(1);
  });

  it('a 429 is retried (GHL processed nothing); reads and updates are retried after a 5xx', async () => {
    const create = recordedRoute('post', '/calendars/events/appointments', { status: 429, body: { message: 'Too Many Requests' } }, APPOINTMENT);
    const get = recordedRoute('get', '/calendars/:id', { status: 503 }, { calendar: { id: 'cal-1' } });
    const ghl = testClient();
    await ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z' });
    await ghl.calendars.get('cal-1');
    expect(create).toHaveLength(2);
    expect(get).toHaveLength(2);
    recordedRoute('post', '/calendars/events/appointments', { status: 429 });
    await expect(ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: '2030-01-07T10:00:00Z' })).rejects.toBeInstanceOf(GHLRateLimitError);
  });
});
