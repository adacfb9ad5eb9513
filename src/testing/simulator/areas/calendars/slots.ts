import type { SimulatedAppointment } from './appointment-store.js';
import type { SimulatedCalendar } from './store.js';
import { dateInZone, dateKey, isoInZone, nextDay, wallClockToInstant, weekday } from './zoned-time.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The calendar's slot starts (epoch ms) from `from` to `to`, both inclusive: every `slotInterval`
 * from each working-hours opening, as long as a whole `slotDuration` fits before closing, read in the
 * calendar's timezone, minus every slot an appointment overlaps.
 */
export function freeSlotStarts(calendar: SimulatedCalendar, from: number, to: number, booked: readonly SimulatedAppointment[]): number[] {
  const duration = calendar.slotDuration * MINUTE;
  const step = Math.max(1, calendar.slotInterval) * MINUTE;
  const starts: number[] = [];
  // A day either side: a working day in the calendar's zone may start before `from` in UTC.
  let day = dateInZone(from - DAY, calendar.timezone);
  const last = dateKey(dateInZone(to + DAY, calendar.timezone));
  for (; dateKey(day) <= last; day = nextDay(day)) {
    for (const open of calendar.openHours) {
      if (!open.daysOfTheWeek.includes(weekday(day))) continue;
      for (const hours of open.hours) {
        const close = wallClockToInstant(day, hours.closeHour, hours.closeMinute, calendar.timezone);
        for (let start = wallClockToInstant(day, hours.openHour, hours.openMinute, calendar.timezone); start + duration <= close; start += step) {
          if (start < from || start > to) continue;
          if (booked.some((appointment) => appointment.start < start + duration && start < appointment.end)) continue;
          starts.push(start);
        }
      }
    }
  }
  return [...new Set(starts)].sort((a, b) => a - b);
}

/** GHL's free-slot answer: `{ 'YYYY-MM-DD': { slots: [iso, …] }, … }` keyed and written in `timeZone`. */
export function slotsByDate(starts: readonly number[], timeZone: string): Record<string, { slots: string[] }> {
  const days: Record<string, { slots: string[] }> = {};
  for (const start of starts) {
    const key = dateKey(dateInZone(start, timeZone));
    (days[key] ??= { slots: [] }).slots.push(isoInZone(start, timeZone));
  }
  return days;
}
