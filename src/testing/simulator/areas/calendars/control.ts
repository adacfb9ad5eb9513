import type { ResolvedOptions } from '../../options.js';
import type { AppointmentStore, SimulatedAppointment, SimulatedAppointmentNote } from './appointment-store.js';
import type { CalendarSeed, CalendarStore, SimulatedCalendar } from './store.js';

/** Test helpers for the simulator's calendars (`sim.calendars`); everything returned is a copy. */
export interface GHLSimulatorCalendars {
  /** Calendars of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedCalendar[];
  get(id: string): SimulatedCalendar | undefined;
  /** Removes every calendar, appointment and note. */
  clear(): void;
  /**
   * Stores a calendar (`locationId` defaults to the simulator's; `id` may be fixed). Slots come from
   * `openHours` (default Monday–Friday 09:00–17:00), `slotDuration` and `slotInterval` in minutes
   * (default 30 and the duration), read in `timezone` (default `UTC`).
   */
  seed(calendar: Omit<CalendarSeed, 'locationId'> & { locationId?: string }): SimulatedCalendar;
  /** Appointments of `locationId`, or of every location, in booking order; times as epoch ms (`start`, `end`). */
  appointments(locationId?: string): SimulatedAppointment[];
  /** The notes of an appointment, oldest first. */
  notes(appointmentId: string): SimulatedAppointmentNote[];
}

export function calendarsControl(store: CalendarStore, appointments: AppointmentStore, options: ResolvedOptions): GHLSimulatorCalendars {
  return {
    list: (locationId) => structuredClone(store.list(locationId)),
    get: (id) => structuredClone(store.get(id)),
    clear: () => {
      store.clear();
      appointments.clear();
    },
    seed: ({ locationId = options.locationId, ...fields }) => structuredClone(store.create({ ...fields, locationId })),
    appointments: (locationId) => structuredClone(appointments.list(locationId)),
    notes: (appointmentId) => structuredClone(appointments.notesOf(appointmentId)),
  };
}
