import type { AreaContext } from '../../area.js';
import { contactsArea } from '../contacts/index.js';
import { AppointmentStore } from './appointment-store.js';
import { appointmentRoutes } from './appointment-routes.js';
import { calendarsControl } from './control.js';
import { calendarRoutes } from './routes.js';
import { CalendarStore } from './store.js';

/**
 * Calendars (Version 2021-04-15): calendars with working hours and slot length, free slots computed
 * from them, appointments that take their slot, events, appointment notes, and `sim.calendars`.
 * Appointments are booked for the contacts of `use(contactsArea).store`.
 */
export function calendarsArea(context: AreaContext) {
  const store = new CalendarStore();
  const appointments = new AppointmentStore();
  const contacts = context.use(contactsArea).store;
  return {
    store,
    appointments,
    routes: [...calendarRoutes(store, appointments), ...appointmentRoutes(store, appointments, contacts)],
    control: calendarsControl(store, appointments, context.options),
  };
}
