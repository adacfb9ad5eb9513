import * as z from 'zod/mini';

/**
 * A point in time as callers pass it: a `Date`, epoch milliseconds, or an ISO-8601 string with an
 * offset. Each GHL parameter wants its own wire form (epoch ms for free slots and event ranges, ISO
 * strings for appointment times, epoch seconds for a scheduled message: spec/apps/calendars.json,
 * spec/apps/conversations.json), so the schemas below accept all three and send that one form.
 */
export type TimeInput = Date | number | string;

// An offset is required: "2024-10-28T10:00" alone would mean the server's local time, a booking
// shifted by hours without any error.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

// Before 1973 in milliseconds, but a plausible date in seconds: almost surely epoch seconds passed
// where milliseconds are expected (a booking in January 1970 is never meant).
const SMALLEST_PLAUSIBLE_MS = 100_000_000_000;

const ACCEPTED = 'expected a Date, epoch milliseconds or an ISO-8601 string with an offset (Z or ±hh:mm)';

/** The epoch milliseconds of `value`, or a message saying what is wrong with it. */
function readTime(value: Date | number | string): number | string {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : 'is an invalid Date';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `${ACCEPTED}; got a fractional number`;
    return value >= SMALLEST_PLAUSIBLE_MS ? value : 'looks like epoch seconds: pass epoch milliseconds (or a Date)';
  }
  const ms = Date.parse(value);
  return ISO_WITH_OFFSET.test(value) && Number.isFinite(ms) && isCalendarDate(value) ? ms : ACCEPTED;
}

/** `Date.parse` rolls 2030-02-31 over into March: the date part must name a real day. */
function isCalendarDate(iso: string): boolean {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

/** A time read and turned into its wire form by `toWire`; an unreadable time is a validation issue. */
function time<Wire>(toWire: (ms: number, raw: Date | number | string) => Wire) {
  return z.pipe(
    z.union([z.date(), z.number(), z.string()]),
    z.transform((value, context) => {
      const read = readTime(value);
      if (typeof read === 'string') {
        context.issues.push({ code: 'custom', message: read, input: value });
        return z.NEVER;
      }
      return toWire(read, value);
    }),
  );
}

/** Sent as epoch milliseconds (free-slot `startDate`/`endDate`, events `startTime`/`endTime`). */
export const epochMsTime = time((ms) => ms);

/** Sent as epoch seconds (a message's `scheduledTimestamp`: "UTC Timestamp (in seconds)"). */
export const epochSecondsTime = time((ms) => Math.floor(ms / 1000));

/**
 * Sent as an ISO-8601 string (appointment `startTime`/`endTime`). A string the caller wrote is sent
 * as written, so its offset (the contact's wall-clock time) survives; a Date or a number becomes UTC.
 */
export const isoTime = time((ms, raw) => (typeof raw === 'string' ? raw : new Date(ms).toISOString()));

/** Epoch milliseconds of an ISO string this module produced or accepted (for range checks after the transform). */
export function isoToMs(iso: string): number {
  return Date.parse(iso);
}
