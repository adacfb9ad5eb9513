export { Calendars } from './calendars.js';
export { CalendarEvents } from './events.js';
export { Appointments, AppointmentNotes } from './appointments.js';
export type * from './types.js';
