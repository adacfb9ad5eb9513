import * as z from 'zod/mini';
import { epochMsTime, isoTime, isoToMs } from '../time-input.js';

/*
 * Input schemas follow spec/apps/calendars.json (AppointmentCreateSchema, AppointmentEditSchema,
 * NotesDTO, the get-slots and get-calendar-events query parameters). They are strict: GHL answers 422
 * to unknown fields (docs/ghl-api.md §3.2). Times are turned into each parameter's wire form here
 * (src/resources/time-input.ts). Public types live in types.ts.
 */

const id = z.string().check(z.minLength(1));
const optionalString = z.optional(z.string());

/** "Date range cannot be more than 31 days" (spec/apps/calendars.json, get-slots). */
export const MAX_FREE_SLOT_RANGE_MS = 31 * 24 * 60 * 60 * 1000;

export const listCalendarsSchema = z.strictObject({ groupId: z.optional(id), showDrafted: z.optional(z.boolean()) });

export const freeSlotsSchema = z
  .strictObject({ startDate: epochMsTime, endDate: epochMsTime, timezone: z.optional(id), userId: z.optional(id) })
  .check(
    z.refine((params) => params.startDate <= params.endDate, { message: 'must not be before startDate', path: ['endDate'] }),
    z.refine((params) => params.endDate - params.startDate <= MAX_FREE_SLOT_RANGE_MS, {
      message: 'the range from startDate may be at most 31 days (GHL refuses longer ranges)',
      path: ['endDate'],
    }),
  );

export const listEventsSchema = z
  .strictObject({ calendarId: z.optional(id), userId: z.optional(id), groupId: z.optional(id), startTime: epochMsTime, endTime: epochMsTime })
  .check(
    z.refine((params) => Boolean(params.calendarId ?? params.userId ?? params.groupId), {
      message: 'GHL needs one of calendarId, userId or groupId',
      path: ['calendarId'],
    }),
    z.refine((params) => params.startTime < params.endTime, { message: 'must be after startTime', path: ['endTime'] }),
  );

const appointmentFields = {
  title: optionalString,
  meetingLocationType: z.optional(z.enum(['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams', 'google'])),
  meetingLocationId: optionalString,
  overrideLocationConfig: z.optional(z.boolean()),
  appointmentStatus: z.optional(z.enum(['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'])),
  assignedUserId: optionalString,
  description: optionalString,
  address: optionalString,
  ignoreDateRange: z.optional(z.boolean()),
  toNotify: z.optional(z.boolean()),
  ignoreFreeSlotValidation: z.optional(z.boolean()),
  rrule: optionalString,
  calendarId: z.optional(id),
  startTime: z.optional(isoTime),
  endTime: z.optional(isoTime),
};

type TimeRange = { startTime?: string | undefined; endTime?: string | undefined };
const startBeforeEnd = z.refine<TimeRange>((input) => input.startTime === undefined || input.endTime === undefined || isoToMs(input.startTime) < isoToMs(input.endTime), {
  message: 'must be after startTime',
  path: ['endTime'],
});

export const createAppointmentSchema = z
  .strictObject({ ...appointmentFields, calendarId: id, locationId: id, contactId: id, startTime: isoTime })
  .check(startBeforeEnd);

export const updateAppointmentSchema = z.strictObject(appointmentFields).check(startBeforeEnd);

export const createNoteSchema = z.strictObject({ body: z.string().check(z.minLength(1)), userId: z.optional(id) });

// Responses: loose objects requiring only what the SDK reads.
const calendar = z.looseObject({ id: z.string() });
// CalendarEventDTO marks `id` required but the spec's example event has none: only the shape of the
// envelope is held to, so the spec's own example parses (test/resources/calendars/spec-conformance.test.ts).
const event = z.looseObject({ id: z.optional(z.string()) });
const note = z.looseObject({ id: z.string() });

export const calendarsResponseSchema = z.looseObject({ calendars: z.array(calendar) });
export const calendarResponseSchema = z.looseObject({ calendar });
export const eventsResponseSchema = z.looseObject({ events: z.array(event) });
export const eventResponseSchema = z.looseObject({ event });
export const appointmentResponseSchema = z.looseObject({ id: z.string() });
export const notesResponseSchema = z.looseObject({ notes: z.array(note), hasMore: z.optional(z.boolean()) });
export const noteResponseSchema = z.looseObject({ note });

/**
 * The free-slot answer: an object keyed by `YYYY-MM-DD`, each `{ slots: string[] }`, beside keys that
 * are not dates (`traceId`). Only the date keys are read; each must hold a slot list.
 */
export const freeSlotsResponseSchema = z.record(z.string(), z.unknown());
export const slotDaySchema = z.looseObject({ slots: z.array(z.string()) });
