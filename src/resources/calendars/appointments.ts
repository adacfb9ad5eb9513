import { offsetPaging, paginate } from '../../http/paginate.js';
import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { appointmentResponseSchema, createAppointmentSchema, createNoteSchema, eventResponseSchema, noteResponseSchema, notesResponseSchema, updateAppointmentSchema } from './schemas.js';
import type { Appointment, AppointmentNote, CalendarEvent, CreateAppointmentInput, CreateAppointmentNoteInput, UpdateAppointmentInput } from './types.js';

/** GHL's largest notes page (spec/apps/calendars.json get-appointment-notes: `limit` maximum 20). */
const NOTES_PAGE_LIMIT = 20;

/** `ghl.calendars.appointments.notes`. */
export class AppointmentNotes extends APIResource {
  protected readonly version = '2021-04-15';

  /** Every note of the appointment (`GET /calendars/appointments/{appointmentId}/notes`, 20 per page, fetched as the loop consumes them). */
  list(appointmentId: string, call?: CallOptions): AsyncIterable<AppointmentNote> {
    const url = path`/calendars/appointments/${{ appointmentId }}/notes`;
    return paginate(offsetPaging(NOTES_PAGE_LIMIT), async (offset, pageCall) => {
      const answer = await this.request({ method: 'GET', path: url, query: { limit: NOTES_PAGE_LIMIT, offset }, response: notesResponseSchema, what: 'appointment notes list' }, pageCall);
      return { items: answer.notes as AppointmentNote[], hasMore: answer.hasMore };
    }, call);
  }

  /**
   * `POST /calendars/appointments/{appointmentId}/notes` → the new note. Never replayed once it may
   * have reached GHL (a replay would add the note twice): on such a failure, list the notes first.
   */
  async create(appointmentId: string, input: CreateAppointmentNoteInput, call?: CallOptions): Promise<AppointmentNote> {
    const url = path`/calendars/appointments/${{ appointmentId }}/notes`;
    const body = this.validate(createNoteSchema, input, 'appointment note');
    const nextStep = 'list the appointment\'s notes with ghl.calendars.appointments.notes.list(appointmentId) before adding it again';
    const answer = await this.request({ method: 'POST', path: url, body, idempotent: false, nextStep, response: noteResponseSchema, what: 'appointment note create' }, call);
    return answer.note as AppointmentNote;
  }
}

/** `ghl.calendars.appointments`: booking, reading, moving and deleting appointments. */
export class Appointments extends APIResource {
  protected readonly version = '2021-04-15';
  readonly notes = new AppointmentNotes(this.requester);

  /**
   * `POST /calendars/events/appointments` → the booked appointment. `startTime`/`endTime` take a Date,
   * epoch ms or an ISO-8601 string with an offset and are sent as ISO strings (a string you pass is
   * sent as written). GHL refuses a slot that is not free (400) unless `ignoreFreeSlotValidation`.
   *
   * Never replayed once the request may have reached GHL: a replay could book the slot twice. When it
   * fails that way the error says so; list the calendar's events for the slot
   * (`ghl.calendars.events.list`) to see whether it was booked before trying again.
   */
  async create(input: CreateAppointmentInput, call?: CallOptions): Promise<Appointment> {
    const body = this.validate(createAppointmentSchema, { ...input, locationId: input?.locationId ?? this.locationId }, 'appointment');
    const nextStep = 'list the calendar\'s events for that slot with ghl.calendars.events.list({ calendarId, startTime, endTime }) to see whether it was booked before booking again';
    const answer = await this.request({ method: 'POST', path: '/calendars/events/appointments', body, idempotent: false, nextStep, response: appointmentResponseSchema, what: 'appointment create' }, call);
    return answer as Appointment;
  }

  /** `GET /calendars/events/appointments/{eventId}` → the event (GHL answers `{ event }`). */
  async get(eventId: string, call?: CallOptions): Promise<CalendarEvent> {
    const answer = await this.request({ method: 'GET', path: path`/calendars/events/appointments/${{ eventId }}`, response: eventResponseSchema, what: 'appointment get' }, call);
    return answer.event as CalendarEvent;
  }

  /** `PUT /calendars/events/appointments/{eventId}`: reschedule or edit. Times as in `create`. */
  async update(eventId: string, input: UpdateAppointmentInput, call?: CallOptions): Promise<Appointment> {
    const url = path`/calendars/events/appointments/${{ eventId }}`;
    const body = this.validate(updateAppointmentSchema, input, 'appointment update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: appointmentResponseSchema, what: 'appointment update' }, call);
    return answer as Appointment;
  }

  /** `DELETE /calendars/events/{eventId}` (GHL takes an empty JSON body here). */
  async delete(eventId: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/calendars/events/${{ eventId }}`, body: {}, what: 'appointment delete' }, call);
  }
}
