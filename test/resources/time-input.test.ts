import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { epochMsTime, epochSecondsTime, isoTime } from '../../src/resources/time-input.js';

// Each GHL time parameter's wire form from any of the accepted inputs (docs/ghl-api.md "Calendars and conversations").

const instant = Date.parse('2030-01-07T15:00:00Z');

describe('time inputs', () => {
  it.each([
    ['a Date', new Date(instant)],
    ['epoch milliseconds', instant],
    ['an ISO string with Z', '2030-01-07T15:00:00Z'],
    ['an ISO string with an offset', '2030-01-07T09:00:00-06:00'],
    ['an ISO string with milliseconds and a compact offset', '2030-01-07T16:00:00.000+0100'],
  ])('%s becomes epoch ms, epoch seconds, or an ISO string', (_name, input) => {
    expect(epochMsTime.parse(input)).toBe(instant);
    expect(epochSecondsTime.parse(input)).toBe(instant / 1000);
    const iso = isoTime.parse(input);
    expect(Date.parse(iso)).toBe(instant);
    // A string is sent as written (its offset is the contact's wall clock); anything else as UTC.
    expect(iso).toBe(typeof input === 'string' ? input : '2030-01-07T15:00:00.000Z');
  });

  it.each([
    ['a string without an offset', '2030-01-07T09:00:00', /offset/],
    ['a date only', '2030-01-07', /offset/],
    ['prose', 'next Monday', /offset/],
    ['an impossible date', '2030-02-31T09:00:00Z', /offset/],
    ['epoch seconds', 1_894_028_400, /epoch seconds/],
    ['a fractional number', instant + 0.5, /fractional/],
    ['an invalid Date', new Date(Number.NaN), /invalid Date/],
    ['a boolean', true, /.+/],
  ])('%s is refused with a message saying what is accepted', (_name, input, message) => {
    const result = z.strictObject({ at: epochMsTime }).safeParse({ at: input });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['at']);
    if (result.error?.issues[0]?.code === 'custom') expect(result.error.issues[0].message).toMatch(message);
  });
});
