import { describe, expect, it } from 'vitest';
import type { SimulatedAppointment } from '../../../../../src/testing/simulator/areas/calendars/appointment-store.js';
import { freeSlotStarts, slotsByDate } from '../../../../../src/testing/simulator/areas/calendars/slots.js';
import { CalendarStore } from '../../../../../src/testing/simulator/areas/calendars/store.js';
import { isoInZone } from '../../../../../src/testing/simulator/areas/calendars/zoned-time.js';

// Free-slot computation: working hours are wall-clock times in the calendar's zone, so a DST change
// moves them in UTC; slots are written in the requested zone.

const calendar = (fields: Partial<Parameters<CalendarStore['create']>[0]> = {}) => new CalendarStore().create({ name: 'c', locationId: 'l', timezone: 'America/Chicago', ...fields });

describe('freeSlotStarts', () => {
  it('keeps 09:00 local across the DST change (Chicago: -06:00 on Friday 8 March 2030, -05:00 on Monday 11 March)', () => {
    const starts = freeSlotStarts(calendar({ slotDuration: 480 }), Date.parse('2030-03-08T00:00:00Z'), Date.parse('2030-03-12T00:00:00Z'), []);
    expect(starts.map((start) => isoInZone(start, 'America/Chicago'))).toEqual(['2030-03-08T09:00:00-06:00', '2030-03-11T09:00:00-05:00']);
  });

  it('steps by slotInterval while a whole slotDuration fits, and leaves out overlapped slots', () => {
    const cal = calendar({ timezone: 'UTC', slotDuration: 45, slotInterval: 30, openHours: [{ daysOfTheWeek: [1], hours: [{ openHour: 9, openMinute: 0, closeHour: 11, closeMinute: 0 }] }] });
    const day = { from: Date.parse('2030-01-07T00:00:00Z'), to: Date.parse('2030-01-07T23:59:59Z') };
    const iso = (starts: number[]) => starts.map((start) => isoInZone(start, 'UTC').slice(11, 16));
    expect(iso(freeSlotStarts(cal, day.from, day.to, []))).toEqual(['09:00', '09:30', '10:00']);
    const booked = { start: Date.parse('2030-01-07T09:40:00Z'), end: Date.parse('2030-01-07T09:50:00Z') } as SimulatedAppointment;
    expect(iso(freeSlotStarts(cal, day.from, day.to, [booked]))).toEqual(['10:00']);
  });

  it('keys days by the requested zone: a Chicago evening slot is the next day in Tokyo', () => {
    const cal = calendar({ openHours: [{ daysOfTheWeek: [1], hours: [{ openHour: 16, openMinute: 0, closeHour: 17, closeMinute: 0 }] }], slotDuration: 60 });
    const starts = freeSlotStarts(cal, Date.parse('2030-01-07T00:00:00Z'), Date.parse('2030-01-08T12:00:00Z'), []);
    expect(slotsByDate(starts, 'Asia/Tokyo')).toEqual({ '2030-01-08': { slots: ['2030-01-08T07:00:00+09:00'] } });
    expect(slotsByDate(starts, 'America/Chicago')).toEqual({ '2030-01-07': { slots: ['2030-01-07T16:00:00-06:00'] } });
  });
});
