/**
 * Wall-clock time in an IANA timezone without a date library: `Intl.DateTimeFormat` gives a zone's
 * offset at an instant, which is all free-slot computation needs (working hours are wall-clock
 * times in the calendar's timezone; slots are shown in the requested one).
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let formatter = formats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a timezone name `Intl` knows. */
export function isTimeZone(name: string): boolean {
  try {
    format(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in ms (east positive). */
export function offsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(format(timeZone).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(parts['year'] ?? 0, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time in `timeZone` names (the later reading across a DST change is good enough here). */
export function wallClockToInstant(date: CalendarDate, hour: number, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = asUtc - offsetMs(asUtc, timeZone);
  return asUtc - offsetMs(first, timeZone);
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The date `instant` falls on in `timeZone`. */
export function dateInZone(instant: number, timeZone: string): CalendarDate {
  const local = new Date(instant + offsetMs(instant, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** `YYYY-MM-DD`. */
export function dateKey(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The next day. */
export function nextDay(date: CalendarDate): CalendarDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/** 0 = Sunday, as GHL's `daysOfTheWeek`. */
export function weekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `2024-10-28T10:00:00-05:00`: the instant as wall-clock time in `timeZone` with its offset, as GHL writes slots. */
export function isoInZone(instant: number, timeZone: string): string {
  const offset = offsetMs(instant, timeZone);
  const wall = new Date(instant + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
