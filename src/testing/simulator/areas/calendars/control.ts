import type { ResolvedOptions } from '../../options.js';
import type { CalendarStore, SimulatedCalendar } from './store.js';

/** Test helpers for the simulator's calendars (`sim.calendars`); everything returned is a copy. */
export interface GHLSimulatorCalendars {
  /** Calendars of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedCalendar[];
  get(id: string): SimulatedCalendar | undefined;
  clear(): void;
  /** Stores a calendar (`locationId` defaults to the simulator's; `id` may be fixed). */
  seed(calendar: { name: string; locationId?: string; id?: string; description?: string; groupId?: string; isActive?: boolean }): SimulatedCalendar;
}

export function calendarsControl(store: CalendarStore, options: ResolvedOptions): GHLSimulatorCalendars {
  return {
    list: (locationId) => structuredClone(store.list(locationId)),
    get: (id) => structuredClone(store.get(id)),
    clear: () => store.clear(),
    seed: ({ locationId = options.locationId, ...fields }) => structuredClone(store.create({ ...fields, locationId })),
  };
}
