import type { DtoFields } from '../../dto-check.js';

/** Field lists of spec/apps/calendars.json's request bodies. */

const MEETING_LOCATION_TYPES = ['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams', 'google'] as const;
const APPOINTMENT_STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const;

/** `AppointmentEditSchema`. */
export const APPOINTMENT_EDIT_FIELDS: DtoFields = {
  title: 'string',
  meetingLocationType: MEETING_LOCATION_TYPES,
  meetingLocationId: 'string',
  overrideLocationConfig: 'boolean',
  appointmentStatus: APPOINTMENT_STATUSES,
  assignedUserId: 'string',
  description: 'string',
  address: 'string',
  ignoreDateRange: 'boolean',
  toNotify: 'boolean',
  ignoreFreeSlotValidation: 'boolean',
  rrule: 'string',
  calendarId: 'string',
  startTime: 'string',
  endTime: 'string',
};

/** `AppointmentCreateSchema` = the edit fields + `locationId`, `contactId`. */
export const APPOINTMENT_CREATE_FIELDS: DtoFields = { ...APPOINTMENT_EDIT_FIELDS, locationId: 'string', contactId: 'string' };
export const APPOINTMENT_CREATE_REQUIRED = ['calendarId', 'locationId', 'contactId', 'startTime'] as const;

/** `NotesDTO`. */
export const NOTE_FIELDS: DtoFields = { userId: 'string', body: 'string' };

/** `DeleteAppointmentSchema`: an object with no properties. */
export const DELETE_APPOINTMENT_FIELDS: DtoFields = {};

/** "Date range cannot be more than 31 days" (get-slots). */
export const MAX_SLOT_RANGE_MS = 31 * 24 * 60 * 60 * 1000;
