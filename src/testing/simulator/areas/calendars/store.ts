import { ghlId } from '../../ids.js';

/** One range of working hours (spec `Hour`). */
export interface SimulatedHour {
  openHour: number;
  openMinute: number;
  closeHour: number;
  closeMinute: number;
}

/** Working hours on some weekdays, 0 = Sunday (spec `OpenHour`). */
export interface SimulatedOpenHour {
  daysOfTheWeek: number[];
  hours: SimulatedHour[];
}

/**
 * A calendar as the simulator stores and returns it: the required fields of the spec's `CalendarDTO`
 * and the slot configuration free slots are computed from (`openHours`, `slotDuration`,
 * `slotInterval`, in minutes), plus `timezone`: the location's timezone, which GHL reads working
 * hours in (CalendarDTO itself carries none).
 */
export interface SimulatedCalendar {
  /** 20 random alphanumerics, like GHL's ids. */
  id: string;
  locationId: string;
  name: string;
  description?: string;
  groupId?: string;
  isActive: boolean;
  openHours: SimulatedOpenHour[];
  slotDuration: number;
  slotDurationUnit: 'mins';
  slotInterval: number;
  slotIntervalUnit: 'mins';
  timezone: string;
}

/** What a calendar is created from; everything but `name` and `locationId` has a default. */
export type CalendarSeed = Pick<SimulatedCalendar, 'name' | 'locationId'> &
  Partial<Pick<SimulatedCalendar, 'id' | 'description' | 'groupId' | 'isActive' | 'openHours' | 'slotDuration' | 'slotInterval' | 'timezone'>>;

/** Monday to Friday, 09:00–17:00: GHL's default working hours for a new calendar. */
export const WEEKDAYS_NINE_TO_FIVE: SimulatedOpenHour[] = [{ daysOfTheWeek: [1, 2, 3, 4, 5], hours: [{ openHour: 9, openMinute: 0, closeHour: 17, closeMinute: 0 }] }];

/** The simulator's calendars, by id. */
export class CalendarStore {
  private readonly calendars = new Map<string, SimulatedCalendar>();

  create(fields: CalendarSeed): SimulatedCalendar {
    const { id = ghlId(), isActive = true, openHours = WEEKDAYS_NINE_TO_FIVE, slotDuration = 30, timezone = 'UTC', ...rest } = fields;
    const slotInterval = fields.slotInterval ?? slotDuration;
    const calendar: SimulatedCalendar = {
      ...rest,
      id,
      isActive,
      openHours: structuredClone(openHours),
      slotDuration,
      slotDurationUnit: 'mins',
      slotInterval,
      slotIntervalUnit: 'mins',
      timezone,
    };
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
