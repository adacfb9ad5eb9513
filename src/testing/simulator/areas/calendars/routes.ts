import { routeBuilder, type ApiContext } from '../../api-route.js';
import { forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { json, type SimResponse } from '../../wire.js';
import type { CalendarStore } from './store.js';

/** Every calendars operation declares this Version (spec/apps/calendars.json; docs/ghl-api.md §2). */
const route = routeBuilder('2021-04-15');

/** The read side of spec/apps/calendars.json's calendars: list by location, get by id. */
export function calendarRoutes(store: CalendarStore) {
  return [
    // `GET /calendars/`: query `locationId` (required) and `groupId`; 200 `{calendars}`.
    route('GET /calendars/', (context) => {
      const locationId = context.query.get('locationId');
      if (!locationId) return unprocessable(['locationId should not be empty']);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      const groupId = context.query.get('groupId');
      const calendars = store.list(locationId).filter((calendar) => groupId === null || calendar.groupId === groupId);
      return json(200, { calendars });
    }),

    // `GET /calendars/{calendarId}`: 200 `{calendar}`.
    route('GET /calendars/:calendarId', (context) => readable(store, context)),
  ];
}

/** Unknown ids are a 404 and another location's calendar a 403, as for contacts. */
function readable(store: CalendarStore, context: ApiContext): SimResponse {
  const calendar = store.get(context.params['calendarId'] ?? '');
  if (!calendar) return notFound('Calendar not found');
  return calendar.locationId === context.grant.locationId ? json(200, { calendar }) : forbiddenLocation();
}
