/*
 * Public calendar types, written out (not inferred from zod) so the published .d.ts needs no zod.
 * They mirror GHL's calendars spec (spec/apps/calendars.json, Version 2021-04-15).
 */
import type { TimeInput } from '../time-input.js';

export type { TimeInput } from '../time-input.js';

/** One `openHours` range of a calendar (spec `Hour`). */
export interface CalendarHour {
  openHour: number;
  openMinute: number;
  closeHour: number;
  closeMinute: number;
}

/** Standard availability: these hours on these weekdays (0 = Sunday; spec `OpenHour`). */
export interface CalendarOpenHour {
  daysOfTheWeek: number[];
  hours: CalendarHour[];
}

/** A calendar as GHL returns it (`CalendarDTO`). Only `id`, `locationId` and `name` are guaranteed. */
export interface Calendar {
  id: string;
  locationId: string;
  name: string;
  description?: string | undefined;
  groupId?: string | undefined;
  isActive?: boolean | undefined;
  calendarType?: string | undefined;
  slug?: string | undefined;
  /** How long a meeting lasts, in `slotDurationUnit`. */
  slotDuration?: number | undefined;
  slotDurationUnit?: 'mins' | 'hours' | undefined;
  /** Time between slot starts, in `slotIntervalUnit`. */
  slotInterval?: number | undefined;
  slotIntervalUnit?: 'mins' | 'hours' | undefined;
  openHours?: CalendarOpenHour[] | undefined;
  /** Every other field GHL sends is kept as is. */
  [field: string]: unknown;
}

export interface ListCalendarsParams {
  /** Only the calendars of this calendar group. */
  groupId?: string | undefined;
  /** Include draft calendars (GHL's default: true). */
  showDrafted?: boolean | undefined;
}

export interface FreeSlotsParams {
  /** First moment to look at: Date, epoch ms or ISO string. Sent as epoch milliseconds (spec: `startDate`, a number). */
  startDate: TimeInput;
  /** Last moment to look at; at most 31 days after `startDate` (the spec's limit). Sent as epoch milliseconds. */
  endDate: TimeInput;
  /** IANA timezone the slots are expressed in (e.g. `America/Chicago`); GHL's default is the location's. */
  timezone?: string | undefined;
  /** Only this user's free slots. */
  userId?: string | undefined;
}

/** The free slots of one day. */
export interface FreeSlotDay {
  /** `YYYY-MM-DD`, in the requested timezone. */
  date: string;
  /** Slot start times as ISO-8601 strings with the timezone's offset (`2024-10-28T10:00:00-05:00`), earliest first. */
  slots: string[];
}

/** Which events to list: one of `calendarId`, `userId` or `groupId` (GHL needs one), and a time range. */
export interface ListEventsParams {
  calendarId?: string | undefined;
  /** The owner of the appointments. */
  userId?: string | undefined;
  groupId?: string | undefined;
  /** Range start: Date, epoch ms or ISO string. Sent as epoch milliseconds (spec: "Start Time (in millis)"). */
  startTime: TimeInput;
  /** Range end, after `startTime`. Sent as epoch milliseconds. */
  endTime: TimeInput;
}

/** A calendar event (appointment) as the events list and `appointments.get` return it (`CalendarEventDTO`). */
export interface CalendarEvent {
  id: string;
  calendarId?: string | undefined;
  locationId?: string | undefined;
  contactId?: string | undefined;
  groupId?: string | undefined;
  title?: string | undefined;
  appointmentStatus?: string | undefined;
  assignedUserId?: string | undefined;
  users?: string[] | undefined;
  address?: string | undefined;
  notes?: string | undefined;
  description?: string | undefined;
  isRecurring?: boolean | undefined;
  rrule?: string | undefined;
  /** ISO-8601 (GHL types it loosely as an object). */
  startTime?: unknown;
  endTime?: unknown;
  dateAdded?: unknown;
  dateUpdated?: unknown;
  masterEventId?: string | undefined;
  [field: string]: unknown;
}

export type AppointmentStatus = 'new' | 'confirmed' | 'cancelled' | 'showed' | 'noshow' | 'invalid';
export type MeetingLocationType = 'custom' | 'zoom' | 'gmeet' | 'phone' | 'address' | 'ms_teams' | 'google';

/** Fields both creating and editing an appointment take (`AppointmentCreateSchema`, `AppointmentEditSchema`). */
export interface AppointmentFields {
  title?: string | undefined;
  meetingLocationType?: MeetingLocationType | undefined;
  meetingLocationId?: string | undefined;
  overrideLocationConfig?: boolean | undefined;
  appointmentStatus?: AppointmentStatus | undefined;
  assignedUserId?: string | undefined;
  description?: string | undefined;
  address?: string | undefined;
  /** Skip the minimum scheduling notice and date range checks. */
  ignoreDateRange?: boolean | undefined;
  /** `false`: GHL runs no automations for this booking. */
  toNotify?: boolean | undefined;
  /** Book even when the slot is not free (GHL then skips its free-slot check). */
  ignoreFreeSlotValidation?: boolean | undefined;
  /** RFC 5545 RRULE for a recurring appointment. */
  rrule?: string | undefined;
  /** Start: Date, epoch ms or ISO-8601 string with an offset. Sent as an ISO string (a string you pass is sent as written). */
  startTime?: TimeInput | undefined;
  /** End, after `startTime`: Date, epoch ms or ISO string. Sent as an ISO string. Default (GHL): the calendar's slot length. */
  endTime?: TimeInput | undefined;
}

export interface CreateAppointmentInput extends AppointmentFields {
  calendarId: string;
  contactId: string;
  startTime: TimeInput;
  /** Default: the client's location. */
  locationId?: string | undefined;
}

export interface UpdateAppointmentInput extends AppointmentFields {
  /** Move the appointment to another calendar. */
  calendarId?: string | undefined;
}

/** An appointment as create and update return it (`AppointmentSchemaResponse`). */
export interface Appointment {
  id: string;
  calendarId: string;
  locationId: string;
  contactId: string;
  startTime?: string | undefined;
  endTime?: string | undefined;
  title?: string | undefined;
  meetingLocationType?: string | undefined;
  appointmentStatus?: string | undefined;
  assignedUserId?: string | undefined;
  address?: string | undefined;
  isRecurring?: boolean | undefined;
  rrule?: string | undefined;
  [field: string]: unknown;
}

export interface CreateAppointmentNoteInput {
  /** The note's text. */
  body: string;
  /** The user writing it. */
  userId?: string | undefined;
}

/** A note on an appointment (`GetNoteSchema`). */
export interface AppointmentNote {
  id: string;
  body?: string | undefined;
  userId?: string | undefined;
  contactId?: string | undefined;
  dateAdded?: string | undefined;
  [field: string]: unknown;
}
