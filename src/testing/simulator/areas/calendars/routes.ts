import { randomUUID } from 'node:crypto';
import { routeBuilder, type ApiContext } from '../../api-route.js';
import { badRequest, forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { json, type SimResponse } from '../../wire.js';
import type { AppointmentStore } from './appointment-store.js';
import { freeSlotStarts, slotsByDate } from './slots.js';
import type { CalendarStore, SimulatedCalendar } from './store.js';
import { MAX_SLOT_RANGE_MS } from './validation.js';
import { isTimeZone } from './zoned-time.js';

/** Every calendars operation declares this Version (spec/apps/calendars.json; docs/ghl-api.md §2). */
export const route = routeBuilder('2021-04-15');

/** spec/apps/calendars.json's calendars: list by location, get by id, free slots. */
export function calendarRoutes(store: CalendarStore, appointments: AppointmentStore) {
  return [
    // `GET /calendars/`: query `locationId` (required), `groupId`, `showDrafted`; 200 `{calendars}`.
    route('GET /calendars/', (context) => {
      const locationId = context.query.get('locationId');
      if (!locationId) return unprocessable(['locationId should not be empty']);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      const groupId = context.query.get('groupId');
      const showDrafted = context.query.get('showDrafted') !== 'false';
      const calendars = store.list(locationId).filter((calendar) => (groupId === null || calendar.groupId === groupId) && (showDrafted || calendar.isActive));
      return json(200, { calendars });
    }),

    // `GET /calendars/{calendarId}`: 200 `{calendar}`.
    route('GET /calendars/:calendarId', (context) => {
      const found = readableCalendar(store, context);
      return 'error' in found ? found.error : json(200, { calendar: found.value });
    }),

    // `GET /calendars/{calendarId}/free-slots`: `startDate`/`endDate` epoch ms (at most 31 days apart),
    // `timezone`; 200 an object keyed by `YYYY-MM-DD` plus `traceId`.
    route('GET /calendars/:calendarId/free-slots', (context) => {
      const startDate = Number(context.query.get('startDate') ?? NaN);
      const endDate = Number(context.query.get('endDate') ?? NaN);
      const timezone = context.query.get('timezone');
      const messages = [
        ...(Number.isFinite(startDate) ? [] : ['startDate must be a number conforming to the specified constraints']),
        ...(Number.isFinite(endDate) ? [] : ['endDate must be a number conforming to the specified constraints']),
        ...(timezone === null || isTimeZone(timezone) ? [] : ['timezone must be a valid IANA timezone']),
      ];
      if (messages.length > 0) return unprocessable(messages);
      if (endDate < startDate) return badRequest('endDate must be after startDate');
      if (endDate - startDate > MAX_SLOT_RANGE_MS) return badRequest('Date range cannot be more than 31 days');
      const found = readableCalendar(store, context);
      if ('error' in found) return found.error;
      const calendar = found.value;
      const starts = freeSlotStarts(calendar, startDate, endDate, appointments.holding(calendar.id));
      return json(200, { ...slotsByDate(starts, timezone ?? calendar.timezone), traceId: randomUUID() });
    }),
  ];
}

/** Unknown ids are a 404 and another location's calendar a 403, as for contacts. */
export function readableCalendar(store: CalendarStore, context: ApiContext, calendarId = context.params['calendarId'] ?? ''): { value: SimulatedCalendar } | { error: SimResponse } {
  const calendar = store.get(calendarId);
  if (!calendar) return { error: notFound('Calendar not found') };
  return calendar.locationId === context.grant.locationId ? { value: calendar } : { error: forbiddenLocation() };
}
