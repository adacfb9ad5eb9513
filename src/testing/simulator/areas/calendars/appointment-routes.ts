import { badRequest, forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { checkedBody, type Checked } from '../../request-body.js';
import type { ApiContext } from '../../api-route.js';
import { checkDto, requiring, type Dto } from '../../dto.js';
import { json, type SimResponse } from '../../wire.js';
import type { ContactStore } from '../contacts/store.js';
import type { AppointmentStore, SimulatedAppointment } from './appointment-store.js';
import { readableCalendar, route } from './routes.js';
import { freeSlotStarts } from './slots.js';
import type { CalendarStore, SimulatedCalendar } from './store.js';
import { APPOINTMENT_CREATE_FIELDS, APPOINTMENT_CREATE_REQUIRED, APPOINTMENT_EDIT_FIELDS, DELETE_APPOINTMENT_FIELDS, NOTE_FIELDS } from './validation.js';
import { isoInZone } from './zoned-time.js';

/** GHL's words when a booking asks for a slot that is not free; the spec declares 400 for create. */
export const SLOT_TAKEN = 'The slot you have selected is no longer available.';

/** Events, appointments and appointment notes of spec/apps/calendars.json. */
export function appointmentRoutes(calendars: CalendarStore, store: AppointmentStore, contacts: ContactStore) {
  /** An appointment as GHL returns it: `AppointmentSchemaResponse` and `CalendarEventDTO` fields, times in the calendar's zone. */
  function render(appointment: SimulatedAppointment) {
    const { start, end, dateAdded, dateUpdated, ...fields } = appointment;
    const zone = calendars.get(appointment.calendarId)?.timezone ?? 'UTC';
    return {
      ...fields,
      isRecurring: appointment.rrule !== undefined,
      startTime: isoInZone(start, zone),
      endTime: isoInZone(end, zone),
      dateAdded: new Date(dateAdded).toISOString(),
      dateUpdated: new Date(dateUpdated).toISOString(),
    };
  }

  /** Whether `start`–`end` is one of the calendar's free slots (working hours, slot grid, no overlap). */
  function slotIsFree(calendar: SimulatedCalendar, start: number, end: number, exceptId?: string): boolean {
    const holding = store.holding(calendar.id, exceptId);
    const onGrid = freeSlotStarts(calendar, start, start, holding).includes(start);
    return onGrid && !holding.some((appointment) => appointment.start < end && start < appointment.end);
  }

  function accessible(context: ApiContext, id: string): { value: SimulatedAppointment } | { error: SimResponse } {
    const appointment = store.get(id);
    if (!appointment) return { error: notFound('Appointment not found') };
    return appointment.locationId === context.grant.locationId ? { value: appointment } : { error: forbiddenLocation() };
  }

  return [
    // `GET /calendars/events`: `locationId`, one of `calendarId`/`userId`/`groupId`, `startTime`/`endTime` in ms; 200 `{events}`.
    route('GET /calendars/events', (context) => {
      const { query } = context;
      const locationId = query.get('locationId');
      const startTime = Number(query.get('startTime') ?? NaN);
      const endTime = Number(query.get('endTime') ?? NaN);
      const [calendarId, userId, groupId] = [query.get('calendarId'), query.get('userId'), query.get('groupId')];
      const messages = [
        ...(locationId ? [] : ['locationId should not be empty']),
        ...(calendarId || userId || groupId ? [] : ['Either of calendarId, userId or groupId is required']),
        ...(Number.isFinite(startTime) ? [] : ['startTime should not be empty']),
        ...(Number.isFinite(endTime) ? [] : ['endTime should not be empty']),
      ];
      if (messages.length > 0) return unprocessable(messages);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      const events = store
        .list(locationId)
        .filter((event) => (!calendarId || event.calendarId === calendarId) && (!userId || event.assignedUserId === userId || event.users.includes(userId)) && (!groupId || event.groupId === groupId))
        .filter((event) => event.start < endTime && startTime < event.end)
        .sort((a, b) => a.start - b.start);
      return json(200, { events: events.map(render) });
    }),

    // `POST /calendars/events/appointments`: `AppointmentCreateSchema`; 200 the appointment; a slot that is not free is a 400.
    route('POST /calendars/events/appointments', (context) => {
      const checked = body(context, APPOINTMENT_CREATE_FIELDS, APPOINTMENT_CREATE_REQUIRED);
      if ('error' in checked) return checked.error;
      const input = checked.value;
      if (input['locationId'] !== context.grant.locationId) return forbiddenLocation();
      const found = readableCalendar(calendars, context, String(input['calendarId']));
      if ('error' in found) return found.error;
      const calendar = found.value;
      const contact = contacts.get(String(input['contactId']));
      if (!contact || contact.locationId !== calendar.locationId) return badRequest('Contact not found');
      const times = readTimes(input, calendar);
      if ('error' in times) return times.error;
      if (input['ignoreFreeSlotValidation'] !== true && !slotIsFree(calendar, times.value.start, times.value.end)) return badRequest(SLOT_TAKEN);
      const appointment = store.create(
        {
          calendarId: calendar.id,
          locationId: calendar.locationId,
          contactId: contact.id,
          groupId: calendar.groupId ?? '',
          ...times.value,
          title: typeof input['title'] === 'string' ? input['title'] : 'Appointment',
          appointmentStatus: typeof input['appointmentStatus'] === 'string' ? input['appointmentStatus'] : 'confirmed',
          assignedUserId: typeof input['assignedUserId'] === 'string' ? input['assignedUserId'] : '',
          users: [],
          ...optionalStrings(input),
        },
        context.now,
      );
      return json(200, render(appointment));
    }),

    // `GET /calendars/events/appointments/{eventId}`: 200 `{event}`.
    route('GET /calendars/events/appointments/:eventId', (context) => {
      const found = accessible(context, context.params['eventId'] ?? '');
      return 'error' in found ? found.error : json(200, { event: render(found.value) });
    }),

    // `PUT /calendars/events/appointments/{eventId}`: `AppointmentEditSchema`; a move to a slot that is not free is a 400.
    route('PUT /calendars/events/appointments/:eventId', (context) => {
      const checked = body(context, APPOINTMENT_EDIT_FIELDS, []);
      if ('error' in checked) return checked.error;
      const input = checked.value;
      const found = accessible(context, context.params['eventId'] ?? '');
      if ('error' in found) return found.error;
      const appointment = found.value;
      const target = readableCalendar(calendars, context, String(input['calendarId'] ?? appointment.calendarId));
      if ('error' in target) return target.error;
      const calendar = target.value;
      const moved = input['startTime'] !== undefined || input['endTime'] !== undefined || calendar.id !== appointment.calendarId;
      const times = readTimes({ startTime: input['startTime'] ?? new Date(appointment.start).toISOString(), endTime: input['endTime'] ?? (input['startTime'] === undefined ? new Date(appointment.end).toISOString() : undefined) }, calendar);
      if ('error' in times) return times.error;
      if (moved && input['ignoreFreeSlotValidation'] !== true && !slotIsFree(calendar, times.value.start, times.value.end, appointment.id)) return badRequest(SLOT_TAKEN);
      const changes: Partial<SimulatedAppointment> = { ...times.value, calendarId: calendar.id, ...optionalStrings(input) };
      for (const key of ['title', 'appointmentStatus', 'assignedUserId'] as const) if (typeof input[key] === 'string') changes[key] = input[key];
      return json(200, render(store.update(appointment, changes, context.now)));
    }),

    // `DELETE /calendars/events/{eventId}`: body `DeleteAppointmentSchema` (no properties); 201 `{succeeded}`.
    route('DELETE /calendars/events/:eventId', (context) => {
      const checked = body(context, DELETE_APPOINTMENT_FIELDS, []);
      if ('error' in checked) return checked.error;
      const found = accessible(context, context.params['eventId'] ?? '');
      if ('error' in found) return found.error;
      store.delete(found.value.id);
      return json(201, { succeeded: true });
    }),

    // `GET /calendars/appointments/{appointmentId}/notes`: `limit` (required, at most 20), `offset` (required); 200 `{notes, hasMore}`.
    route('GET /calendars/appointments/:appointmentId/notes', (context) => {
      const limit = Number(context.query.get('limit') ?? NaN);
      const offset = Number(context.query.get('offset') ?? NaN);
      const messages = [
        ...(Number.isInteger(limit) && limit >= 1 && limit <= 20 ? [] : ['limit must not be greater than 20']),
        ...(Number.isInteger(offset) && offset >= 0 ? [] : ['offset must not be less than 0']),
      ];
      if (messages.length > 0) return unprocessable(messages);
      const found = accessible(context, context.params['appointmentId'] ?? '');
      if ('error' in found) return found.error;
      const notes = store.notesOf(found.value.id);
      return json(200, { notes: notes.slice(offset, offset + limit).map(({ appointmentId: _, ...note }) => note), hasMore: offset + limit < notes.length });
    }),

    // `POST /calendars/appointments/{appointmentId}/notes`: `NotesDTO`; 201 `{note}`.
    route('POST /calendars/appointments/:appointmentId/notes', (context) => {
      const checked = body(context, NOTE_FIELDS, ['body']);
      if ('error' in checked) return checked.error;
      const found = accessible(context, context.params['appointmentId'] ?? '');
      if ('error' in found) return found.error;
      const userId = checked.value['userId'];
      const { appointmentId: _, ...note } = store.addNote(found.value, String(checked.value['body']), typeof userId === 'string' ? userId : undefined, context.now);
      return json(201, { note });
    }),
  ];
}

/** A JSON-object body that passes the DTO's checks, or the error to send. */
function body(context: ApiContext, fields: Dto, required: readonly string[]): Checked<Record<string, unknown>> {
  return checkedBody(context, (value) => checkDto(value, requiring(fields, required)));
}

/** `startTime` (required) and `endTime` (default: one slot) as instants; unreadable or reversed times are a 422. */
function readTimes(input: Record<string, unknown>, calendar: SimulatedCalendar): { value: { start: number; end: number } } | { error: SimResponse } {
  const start = Date.parse(String(input['startTime']));
  const end = input['endTime'] === undefined ? start + calendar.slotDuration * 60_000 : Date.parse(String(input['endTime']));
  const messages = [
    ...(Number.isFinite(start) ? [] : ['startTime must be a valid ISO 8601 date string']),
    ...(Number.isFinite(end) ? [] : ['endTime must be a valid ISO 8601 date string']),
  ];
  if (messages.length > 0) return { error: unprocessable(messages) };
  return end > start ? { value: { start, end } } : { error: badRequest('endTime must be after startTime') };
}

/** The optional text fields an appointment keeps as sent. */
function optionalStrings(input: Record<string, unknown>): Partial<Pick<SimulatedAppointment, 'address' | 'meetingLocationType' | 'description' | 'rrule'>> {
  const kept: Partial<Record<'address' | 'meetingLocationType' | 'description' | 'rrule', string>> = {};
  for (const key of ['address', 'meetingLocationType', 'description', 'rrule'] as const) if (typeof input[key] === 'string') kept[key] = input[key];
  return kept;
}
