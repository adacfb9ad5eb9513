import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { eventsResponseSchema, listEventsSchema } from './schemas.js';
import type { CalendarEvent, ListEventsParams } from './types.js';

/** `ghl.calendars.events`: the events (appointments) of a calendar, user or group in a time range. */
export class CalendarEvents extends APIResource {
  protected readonly version = '2021-04-15';

  /**
   * `GET /calendars/events` → the events overlapping `startTime`–`endTime`. Needs one of `calendarId`,
   * `userId` or `groupId`. `startTime`/`endTime` take a Date, epoch ms or an ISO string and are sent
   * as epoch milliseconds, as the spec documents.
   */
  async list(params: ListEventsParams, call?: CallOptions): Promise<CalendarEvent[]> {
    const query = this.validate(listEventsSchema, params, 'events parameters');
    const answer = await this.request({ method: 'GET', path: '/calendars/events', query: { locationId: this.locationId, ...query }, response: eventsResponseSchema, what: 'calendar events list' }, call);
    return answer.events as CalendarEvent[];
  }
}
