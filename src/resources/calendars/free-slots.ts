import { GHLResponseError } from '../../errors.js';
import { parseResponse } from '../../validation.js';
import { slotDaySchema } from './schemas.js';
import type { FreeSlotDay } from './types.js';

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * GHL's free-slot answer is one object keyed by date (`{ "2024-10-28": { slots: [...] }, traceId }`,
 * spec/apps/calendars.json get-slots). This turns it into days sorted by date, each with its slots
 * sorted, and leaves out every key that is not a `YYYY-MM-DD` date (`traceId` is not a day).
 */
export function readFreeSlots(answer: Record<string, unknown>): FreeSlotDay[] {
  const days: FreeSlotDay[] = [];
  for (const [key, value] of Object.entries(answer)) {
    if (!DATE_KEY.test(key)) continue;
    const { slots } = parseResponse(slotDaySchema, value, `free slots (${key})`);
    days.push({ date: key, slots: [...slots].sort(bySlotTime) });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Slots carry offsets, so they are ordered by the instant they name, not as text. */
function bySlotTime(a: string, b: string): number {
  const [left, right] = [Date.parse(a), Date.parse(b)];
  if (!Number.isFinite(left) || !Number.isFinite(right)) throw new GHLResponseError(`GHL answered free slots with a slot that is not a time (${Number.isFinite(left) ? b : a})`, [a, b]);
  return left - right;
}
