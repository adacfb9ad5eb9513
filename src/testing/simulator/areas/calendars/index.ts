import type { AreaContext } from '../../area.js';
import { calendarsControl } from './control.js';
import { calendarRoutes } from './routes.js';
import { CalendarStore } from './store.js';

/** Calendars (Version 2021-04-15): listing and reading calendars, and `sim.calendars`. */
export function calendarsArea({ options }: AreaContext) {
  const store = new CalendarStore();
  return { store, routes: calendarRoutes(store), control: calendarsControl(store, options) };
}
