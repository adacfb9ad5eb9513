import { describe, expect, it } from 'vitest';
import { GHLBadRequestError, GHLConnectionError, GHLNotFoundError } from '../../../src/errors.js';
import { simulatorClient } from '../../helpers/simulator.js';

// End to end: ghl.calendars against the simulator over loopback HTTP. The calendar works Monday to
// Friday 09:00–17:00 in Chicago (UTC-6 in January) with 30-minute slots: 16 a day.

const MONDAY = { startDate: '2030-01-07T00:00:00-06:00', endDate: '2030-01-07T23:59:59-06:00', timezone: 'America/Chicago' };

async function setup() {
  const context = await simulatorClient();
  const calendar = context.sim.calendars.seed({ name: 'Demo calls', groupId: 'g-1', timezone: 'America/Chicago', slotDuration: 30 });
  const contact = context.sim.contacts.seed({ firstName: 'Ada', email: 'ada@example.com' });
  return { ...context, calendar, contact };
}

describe('calendars on the simulator', () => {
  it('lists and gets calendars', async () => {
    const { ghl, sim, calendar } = await setup();
    sim.calendars.seed({ name: 'Other group' });
    expect((await ghl.calendars.list()).map((c) => c.id)).toHaveLength(2);
    expect(await ghl.calendars.list({ groupId: 'g-1' })).toEqual([expect.objectContaining({ id: calendar.id, name: 'Demo calls', slotDuration: 30 })]);
    expect(await ghl.calendars.get(calendar.id)).toMatchObject({ id: calendar.id, locationId: sim.locationId });
    await expect(ghl.calendars.get('nope')).rejects.toBeInstanceOf(GHLNotFoundError);
  });

  it('computes free slots from working hours, slot length and timezone, sorted by day', async () => {
    const { ghl, calendar } = await setup();
    const days = await ghl.calendars.freeSlots(calendar.id, MONDAY);
    expect(days).toHaveLength(1);
    expect(days[0]?.date).toBe('2030-01-07');
    expect(days[0]?.slots).toHaveLength(16);
    expect(days[0]?.slots[0]).toBe('2030-01-07T09:00:00-06:00');
    expect(days[0]?.slots.at(-1)).toBe('2030-01-07T16:30:00-06:00');

    // The same hours seen from UTC, over a whole week (Saturday and Sunday have none).
    const week = await ghl.calendars.freeSlots(calendar.id, { startDate: new Date('2030-01-06T00:00:00Z'), endDate: Date.parse('2030-01-13T00:00:00Z'), timezone: 'UTC' });
    expect(week.map((day) => day.date)).toEqual(['2030-01-07', '2030-01-08', '2030-01-09', '2030-01-10', '2030-01-11']);
    expect(week[0]?.slots[0]).toBe('2030-01-07T15:00:00+00:00');
  });

  it('booking a slot removes it from the free slots; booking it again is refused (400) and books nothing', async () => {
    const { ghl, sim, calendar, contact } = await setup();
    const before = (await ghl.calendars.freeSlots(calendar.id, MONDAY))[0]?.slots ?? [];
    const appointment = await ghl.calendars.appointments.create({ calendarId: calendar.id, contactId: contact.id, startTime: '2030-01-07T10:00:00-06:00', title: 'Intro call' });
    expect(appointment).toMatchObject({ id: expect.any(String), calendarId: calendar.id, contactId: contact.id, startTime: '2030-01-07T10:00:00-06:00', endTime: '2030-01-07T10:30:00-06:00' });

    const after = (await ghl.calendars.freeSlots(calendar.id, MONDAY))[0]?.slots ?? [];
    expect(after).toHaveLength(before.length - 1);
    expect(after).not.toContain('2030-01-07T10:00:00-06:00');

    const taken = ghl.calendars.appointments.create({ calendarId: calendar.id, contactId: contact.id, startTime: new Date('2030-01-07T16:00:00Z') });
    await expect(taken).rejects.toBeInstanceOf(GHLBadRequestError);
    await expect(taken).rejects.toThrow(/no longer available/);
    expect(sim.calendars.appointments()).toHaveLength(1);
  });

  it('a dropped appointments.create books exactly one appointment and says it was not replayed, naming the safe next step', async () => {
    const { ghl, sim, calendar, contact } = await setup();
    sim.injectFault({ route: 'POST /calendars/events/appointments', kind: 'dropAfterProcessing' });
    const attempt = ghl.calendars.appointments.create({ calendarId: calendar.id, contactId: contact.id, startTime: Date.parse('2030-01-07T17:00:00Z') });
    await expect(attempt).rejects.toBeInstanceOf(GHLConnectionError);
    await expect(attempt).rejects.toThrow(/not replayed.*ghl\.calendars\.events\.list/);
    expect(sim.calendars.appointments()).toHaveLength(1);
    expect(sim.stats.byRoute['POST /calendars/events/appointments']).toBe(1);

    // The safe next step finds the booking.
    const events = await ghl.calendars.events.list({ calendarId: calendar.id, startTime: '2030-01-07T17:00:00Z', endTime: '2030-01-07T17:30:00Z' });
    expect(events).toEqual([expect.objectContaining({ contactId: contact.id })]);
  });

  it('a 429 before GHL processed anything is still retried: one appointment', async () => {
    const { ghl, sim, calendar, contact } = await setup();
    sim.injectFault({ route: 'POST /calendars/events/appointments', kind: 'rateLimit', retryAfterSeconds: 0 });
    await ghl.calendars.appointments.create({ calendarId: calendar.id, contactId: contact.id, startTime: '2030-01-07T11:00:00-06:00' });
    expect(sim.stats.byRoute['POST /calendars/events/appointments']).toBe(2);
    expect(sim.calendars.appointments()).toHaveLength(1);
  });

  it('gets, lists, reschedules and deletes appointments; notes page through', async () => {
    const { ghl, calendar, contact } = await setup();
    const booked = await ghl.calendars.appointments.create({ calendarId: calendar.id, contactId: contact.id, startTime: '2030-01-07T09:00:00-06:00' });
    expect(await ghl.calendars.appointments.get(booked.id)).toMatchObject({ id: booked.id, calendarId: calendar.id, startTime: '2030-01-07T09:00:00-06:00' });
    expect(await ghl.calendars.events.list({ groupId: 'g-1', startTime: '2030-01-07T00:00:00-06:00', endTime: '2030-01-08T00:00:00-06:00' })).toHaveLength(1);

    const moved = await ghl.calendars.appointments.update(booked.id, { startTime: '2030-01-07T14:00:00-06:00', endTime: '2030-01-07T14:30:00-06:00', title: 'Moved' });
    expect(moved).toMatchObject({ id: booked.id, startTime: '2030-01-07T14:00:00-06:00', title: 'Moved' });
    const slots = (await ghl.calendars.freeSlots(calendar.id, MONDAY))[0]?.slots ?? [];
    expect(slots).toContain('2030-01-07T09:00:00-06:00');
    expect(slots).not.toContain('2030-01-07T14:00:00-06:00');

    for (let i = 0; i < 23; i++) await ghl.calendars.appointments.notes.create(booked.id, { body: `note ${i}` });
    const notes = [];
    for await (const note of ghl.calendars.appointments.notes.list(booked.id)) notes.push(note.body);
    expect(notes).toEqual(Array.from({ length: 23 }, (_, i) => `note ${i}`));

    await ghl.calendars.appointments.delete(booked.id);
    await expect(ghl.calendars.appointments.get(booked.id)).rejects.toBeInstanceOf(GHLNotFoundError);
    expect((await ghl.calendars.freeSlots(calendar.id, MONDAY))[0]?.slots).toHaveLength(16);
  });

  it('a dropped notes.create adds exactly one note', async () => {
    const { ghl, sim, calendar, contact } = await setup();
    const booked = await ghl.calendars.appointments.create({ calendarId: calendar.id, contactId: contact.id, startTime: '2030-01-07T09:30:00-06:00' });
    sim.injectFault({ route: 'POST /calendars/appointments/:appointmentId/notes', kind: 'dropAfterProcessing' });
    await expect(ghl.calendars.appointments.notes.create(booked.id, { body: 'once' })).rejects.toThrow(/not replayed.*notes\.list/);
    expect(sim.calendars.notes(booked.id)).toHaveLength(1);
  });
});
