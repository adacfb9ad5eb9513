import { ghlId } from '../../ids.js';

/** A calendar as the simulator stores and returns it: the required fields of the spec's `CalendarDTO` and a few more. */
export interface SimulatedCalendar {
  /** 20 random alphanumerics, like GHL's ids. */
  id: string;
  locationId: string;
  name: string;
  description?: string;
  groupId?: string;
  isActive: boolean;
}

/** The simulator's calendars, by id. */
export class CalendarStore {
  private readonly calendars = new Map<string, SimulatedCalendar>();

  create(fields: Omit<SimulatedCalendar, 'id' | 'isActive'> & { id?: string | undefined; isActive?: boolean | undefined }): SimulatedCalendar {
    const { id = ghlId(), isActive = true, ...rest } = fields;
    const calendar: SimulatedCalendar = { ...rest, id, isActive };
    this.calendars.set(id, calendar);
    return calendar;
  }

  get(id: string): SimulatedCalendar | undefined {
    return this.calendars.get(id);
  }

  /** Calendars of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedCalendar[] {
    return [...this.calendars.values()].filter((calendar) => locationId === undefined || calendar.locationId === locationId);
  }

  clear(): void {
    this.calendars.clear();
  }
}
