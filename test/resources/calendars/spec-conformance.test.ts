import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

// The calendars resource held to GHL's own spec (spec/apps/calendars.json): what it sends, and what
// it accepts back.

describe('calendars: every request conforms to spec/apps/calendars.json', () => {
  it('list, get, freeSlots, events.list, appointments create/get/update/delete, notes list/create: path, Version, query and body fields', async () => {
    const recorder = recordRequests();
    const { ghl, sim } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });
    const calendar = sim.calendars.seed({ name: 'Sales', groupId: 'g-1' });
    const contact = sim.contacts.seed({ email: 'ada@example.com' });

    await ghl.calendars.list({ groupId: 'g-1', showDrafted: false });
    await ghl.calendars.get(calendar.id);
    await ghl.calendars.freeSlots(calendar.id, { startDate: '2030-01-07T00:00:00Z', endDate: '2030-01-08T00:00:00Z', timezone: 'Europe/London', userId: 'u-1' });
    const booked = await ghl.calendars.appointments.create({
      calendarId: calendar.id,
      contactId: contact.id,
      startTime: '2030-01-07T10:00:00Z',
      endTime: '2030-01-07T10:30:00Z',
      title: 'Intro',
      meetingLocationType: 'custom',
      meetingLocationId: 'custom_0',
      overrideLocationConfig: true,
      appointmentStatus: 'confirmed',
      assignedUserId: 'u-1',
      description: 'Call',
      address: 'Zoom',
      ignoreDateRange: false,
      toNotify: false,
    });
    await ghl.calendars.events.list({ calendarId: calendar.id, userId: 'u-1', groupId: 'g-1', startTime: '2030-01-07T00:00:00Z', endTime: '2030-01-08T00:00:00Z' });
    await ghl.calendars.appointments.get(booked.id);
    await ghl.calendars.appointments.update(booked.id, { startTime: '2030-01-07T11:00:00Z', endTime: '2030-01-07T11:30:00Z', calendarId: calendar.id, ignoreFreeSlotValidation: false, rrule: 'FREQ=DAILY;COUNT=1' });
    await ghl.calendars.appointments.notes.create(booked.id, { body: 'Prefers mornings', userId: 'u-1' });
    for await (const note of ghl.calendars.appointments.notes.list(booked.id)) expect(note.body).toBe('Prefers mornings');
    await ghl.calendars.appointments.delete(booked.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation))).toEqual(
      new Set([
        'GET /calendars/',
        'GET /calendars/{calendarId}',
        'GET /calendars/{calendarId}/free-slots',
        'POST /calendars/events/appointments',
        'GET /calendars/events',
        'GET /calendars/events/appointments/{eventId}',
        'PUT /calendars/events/appointments/{eventId}',
        'POST /calendars/appointments/{appointmentId}/notes',
        'GET /calendars/appointments/{appointmentId}/notes',
        'DELETE /calendars/events/{eventId}',
      ]),
    );
  });
});

describe('calendars: every spec example answer parses through the resource', () => {
  const BASE = 'https://services.leadconnectorhq.com';

  /** Answers `method template` (msw route syntax) with the spec's first 2xx example for it. */
  function answerWithExample(method: 'get' | 'post' | 'put' | 'delete', template: string): void {
    const [example] = specExampleResponses(method, template);
    expect(example, `${method} ${template} has an example answer`).toBeDefined();
    server.use(http[method](`${BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })));
  }

  it('every operation the resource uses', async () => {
    // Registered most generic first: msw tries the handler added last first.
    answerWithExample('get', '/calendars/{calendarId}');
    answerWithExample('get', '/calendars/');
    answerWithExample('get', '/calendars/{calendarId}/free-slots');
    answerWithExample('get', '/calendars/events');
    answerWithExample('post', '/calendars/events/appointments');
    answerWithExample('get', '/calendars/events/appointments/{eventId}');
    answerWithExample('put', '/calendars/events/appointments/{eventId}');
    answerWithExample('delete', '/calendars/events/{eventId}');
    answerWithExample('get', '/calendars/appointments/{appointmentId}/notes');
    answerWithExample('post', '/calendars/appointments/{appointmentId}/notes');
    const ghl = testClient();
    const range = { startDate: '2024-10-28T00:00:00Z', endDate: '2024-10-30T00:00:00Z' };

    expect(await ghl.calendars.list()).toEqual(expect.any(Array));
    expect((await ghl.calendars.get('cal-1')).id).toEqual(expect.any(String));
    expect(await ghl.calendars.freeSlots('cal-1', range)).toEqual([
      { date: '2024-10-28', slots: ['2024-10-28T10:00:00-05:00', '2024-10-28T11:00:00-05:00'] },
      { date: '2024-10-29', slots: ['2024-10-29T10:00:00-05:00', '2024-10-29T14:30:00-05:00'] },
    ]);
    expect(await ghl.calendars.events.list({ calendarId: 'cal-1', startTime: range.startDate, endTime: range.endDate })).toEqual(expect.any(Array));
    expect((await ghl.calendars.appointments.create({ calendarId: 'cal-1', contactId: 'c-1', startTime: range.startDate })).id).toEqual(expect.any(String));
    expect(await ghl.calendars.appointments.update('ap-1', { title: 'x' })).toHaveProperty('id');
    await expect(ghl.calendars.appointments.delete('ap-1')).resolves.toBeUndefined();
    expect((await ghl.calendars.appointments.notes.create('ap-1', { body: 'x' })).id).toEqual(expect.any(String));
    for await (const note of ghl.calendars.appointments.notes.list('ap-1')) {
      expect(note.id).toEqual(expect.any(String));
      break; // the example says hasMore: true forever
    }
  });

  it('appointments.get: the spec example event parses, though it has no id (CalendarEventDTO requires one but gives no example)', async () => {
    answerWithExample('get', '/calendars/events/appointments/{eventId}');
    const event = await testClient().calendars.appointments.get('ap-1');
    expect(event).toMatchObject({ title: expect.any(String), calendarId: expect.any(String) });
    expect(event.id).toBeUndefined();
  });
});
