import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { Appointments } from './appointments.js';
import { CalendarEvents } from './events.js';
import { readFreeSlots } from './free-slots.js';
import { calendarResponseSchema, calendarsResponseSchema, freeSlotsResponseSchema, freeSlotsSchema, listCalendarsSchema } from './schemas.js';
import type { Calendar, FreeSlotDay, FreeSlotsParams, ListCalendarsParams } from './types.js';

/**
 * GHL calendars (`/calendars/*`, Version 2021-04-15, set on every request): calendars, free slots,
 * events and appointments. Inputs are validated before anything is sent.
 */
export class Calendars extends APIResource {
  protected readonly version = '2021-04-15';
  readonly events = new CalendarEvents(this.requester);
  readonly appointments = new Appointments(this.requester);

  /** `GET /calendars/` → the location's calendars (of one group with `groupId`). */
  async list(params: ListCalendarsParams = {}, call?: CallOptions): Promise<Calendar[]> {
    const query = this.validate(listCalendarsSchema, params, 'calendar list parameters');
    const answer = await this.request({ method: 'GET', path: '/calendars/', query: { locationId: this.locationId, ...query }, response: calendarsResponseSchema, what: 'calendar list' }, call);
    return answer.calendars as Calendar[];
  }

  /** `GET /calendars/{calendarId}`. */
  async get(calendarId: string, call?: CallOptions): Promise<Calendar> {
    const answer = await this.request({ method: 'GET', path: path`/calendars/${{ calendarId }}`, response: calendarResponseSchema, what: 'calendar get' }, call);
    return answer.calendar as Calendar;
  }

  /**
   * `GET /calendars/{calendarId}/free-slots` → the bookable slots, one entry per day sorted by date,
   * each day's slots sorted. `startDate`/`endDate` take a Date, epoch ms or an ISO string and are sent
   * as epoch milliseconds (as the spec documents); the range may span at most 31 days. Days are keyed
   * `YYYY-MM-DD` and slots are ISO strings in `timezone` (GHL's default: the location's).
   */
  async freeSlots(calendarId: string, params: FreeSlotsParams, call?: CallOptions): Promise<FreeSlotDay[]> {
    const url = path`/calendars/${{ calendarId }}/free-slots`;
    const query = this.validate(freeSlotsSchema, params, 'free-slot parameters');
    const answer = await this.request({ method: 'GET', path: url, query, response: freeSlotsResponseSchema, what: 'free slots' }, call);
    return readFreeSlots(answer);
  }
}
