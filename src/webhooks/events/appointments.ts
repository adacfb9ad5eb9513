import * as z from 'zod/mini';
import { eventSchema, optionalString, optionalStrings, type WebhookEnvelope } from './common.js';

/*
 * Appointment events, from GHL's AppointmentCreate, AppointmentUpdate and AppointmentDelete pages
 * (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events). The Update and
 * Delete examples there say `"type": "AppointmentCreate"` (a copy-paste slip, docs/ghl-api.md
 * "Webhooks"): the type names the event, the payload is the same.
 */

export interface WebhookAppointment {
  id: string;
  /** Meeting location or URL. */
  address?: string | null | undefined;
  title?: string | null | undefined;
  calendarId?: string | null | undefined;
  contactId?: string | null | undefined;
  groupId?: string | null | undefined;
  /** e.g. `confirmed`, `cancelled`, `showed`, `noshow`. */
  appointmentStatus?: string | null | undefined;
  assignedUserId?: string | null | undefined;
  users?: string[] | null | undefined;
  notes?: string | null | undefined;
  source?: string | null | undefined;
  startTime?: string | null | undefined;
  endTime?: string | null | undefined;
  dateAdded?: string | null | undefined;
  dateUpdated?: string | null | undefined;
}

interface AppointmentEventFields extends WebhookEnvelope {
  locationId: string;
  appointment: WebhookAppointment;
}

export interface AppointmentCreateEvent extends AppointmentEventFields {
  type: 'AppointmentCreate';
}
export interface AppointmentUpdateEvent extends AppointmentEventFields {
  type: 'AppointmentUpdate';
}
export interface AppointmentDeleteEvent extends AppointmentEventFields {
  type: 'AppointmentDelete';
}

const appointmentShape = {
  locationId: z.string(),
  appointment: z.looseObject({
    id: z.string(),
    address: optionalString,
    title: optionalString,
    calendarId: optionalString,
    contactId: optionalString,
    groupId: optionalString,
    appointmentStatus: optionalString,
    assignedUserId: optionalString,
    users: optionalStrings,
    notes: optionalString,
    source: optionalString,
    startTime: optionalString,
    endTime: optionalString,
    dateAdded: optionalString,
    dateUpdated: optionalString,
  }),
};

export const appointmentCreateSchema: z.ZodMiniType<AppointmentCreateEvent> = eventSchema('AppointmentCreate', appointmentShape);
export const appointmentUpdateSchema: z.ZodMiniType<AppointmentUpdateEvent> = eventSchema('AppointmentUpdate', appointmentShape);
export const appointmentDeleteSchema: z.ZodMiniType<AppointmentDeleteEvent> = eventSchema('AppointmentDelete', appointmentShape);
