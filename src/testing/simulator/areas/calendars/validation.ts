import type { Dto } from '../../dto.js';

/** Field lists of spec/apps/calendars.json's request bodies. */

const MEETING_LOCATION_TYPES = ['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams', 'google'] as const;
const APPOINTMENT_STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow', 'invalid'] as const;

/** `AppointmentEditSchema`. */
export const APPOINTMENT_EDIT_FIELDS: Dto = {
  title: { kind: 'string' },
  meetingLocationType: { kind: 'enum', values: MEETING_LOCATION_TYPES },
  meetingLocationId: { kind: 'string' },
  overrideLocationConfig: { kind: 'boolean' },
  appointmentStatus: { kind: 'enum', values: APPOINTMENT_STATUSES },
  assignedUserId: { kind: 'string' },
  description: { kind: 'string' },
  address: { kind: 'string' },
  ignoreDateRange: { kind: 'boolean' },
  toNotify: { kind: 'boolean' },
  ignoreFreeSlotValidation: { kind: 'boolean' },
  rrule: { kind: 'string' },
  calendarId: { kind: 'string' },
  startTime: { kind: 'string' },
  endTime: { kind: 'string' },
};

/** `AppointmentCreateSchema` = the edit fields + `locationId`, `contactId`. */
export const APPOINTMENT_CREATE_FIELDS: Dto = { ...APPOINTMENT_EDIT_FIELDS, locationId: { kind: 'string' }, contactId: { kind: 'string' } };
export const APPOINTMENT_CREATE_REQUIRED = ['calendarId', 'locationId', 'contactId', 'startTime'] as const;

/** `NotesDTO`. */
export const NOTE_FIELDS: Dto = { userId: { kind: 'string' }, body: { kind: 'string' } };

/** `DeleteAppointmentSchema`: an object with no properties. */
export const DELETE_APPOINTMENT_FIELDS: Dto = {};

/** "Date range cannot be more than 31 days" (get-slots). */
export const MAX_SLOT_RANGE_MS = 31 * 24 * 60 * 60 * 1000;
