import * as z from 'zod/mini';
import { eventSchema, optionalBoolean, optionalList, optionalString, optionalStrings, type WebhookEnvelope } from './common.js';

/*
 * Contact events, from GHL's ContactCreate, ContactUpdate, ContactDelete, ContactDndUpdate and
 * ContactTagUpdate pages (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events).
 * All five carry the contact as it is after the change (before it, for ContactDelete).
 */

/** A custom field value as webhooks send it: `{ id, value }` (not the write shape `field_value`). */
export interface WebhookCustomField {
  id?: string | null | undefined;
  value?: unknown;
}

/** The contact every contact event carries. */
export interface WebhookContact extends WebhookEnvelope {
  locationId: string;
  /** The contact id. */
  id: string;
  address1?: string | null | undefined;
  city?: string | null | undefined;
  companyName?: string | null | undefined;
  country?: string | null | undefined;
  source?: string | null | undefined;
  dateAdded?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  dnd?: boolean | null | undefined;
  email?: string | null | undefined;
  name?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  phone?: string | null | undefined;
  postalCode?: string | null | undefined;
  state?: string | null | undefined;
  tags?: string[] | null | undefined;
  website?: string | null | undefined;
  attachments?: unknown[] | null | undefined;
  /** User id. */
  assignedTo?: string | null | undefined;
  customFields?: WebhookCustomField[] | null | undefined;
}

/** One channel's DND state. */
export interface WebhookDndChannel {
  status?: string | null | undefined;
  message?: string | null | undefined;
  code?: string | null | undefined;
}

/** DND per channel. */
export interface WebhookDndSettings {
  SMS?: WebhookDndChannel | null | undefined;
  Call?: WebhookDndChannel | null | undefined;
  Email?: WebhookDndChannel | null | undefined;
  GMB?: WebhookDndChannel | null | undefined;
  FB?: WebhookDndChannel | null | undefined;
  WhatsApp?: WebhookDndChannel | null | undefined;
}

export interface ContactCreateEvent extends WebhookContact {
  type: 'ContactCreate';
}
export interface ContactUpdateEvent extends WebhookContact {
  type: 'ContactUpdate';
}
export interface ContactDeleteEvent extends WebhookContact {
  type: 'ContactDelete';
}
export interface ContactTagUpdateEvent extends WebhookContact {
  type: 'ContactTagUpdate';
}
export interface ContactDndUpdateEvent extends WebhookContact {
  type: 'ContactDndUpdate';
  dndSettings?: WebhookDndSettings | null | undefined;
}

const contactShape = {
  locationId: z.string(),
  id: z.string(),
  address1: optionalString,
  city: optionalString,
  companyName: optionalString,
  country: optionalString,
  source: optionalString,
  dateAdded: optionalString,
  dateOfBirth: optionalString,
  dnd: optionalBoolean,
  email: optionalString,
  name: optionalString,
  firstName: optionalString,
  lastName: optionalString,
  phone: optionalString,
  postalCode: optionalString,
  state: optionalString,
  tags: optionalStrings,
  website: optionalString,
  attachments: optionalList,
  assignedTo: optionalString,
  customFields: z.optional(z.nullable(z.array(z.looseObject({ id: optionalString, value: z.optional(z.unknown()) })))),
};

const dndChannel = z.optional(z.nullable(z.looseObject({ status: optionalString, message: optionalString, code: optionalString })));

export const contactCreateSchema: z.ZodMiniType<ContactCreateEvent> = eventSchema('ContactCreate', contactShape);
export const contactUpdateSchema: z.ZodMiniType<ContactUpdateEvent> = eventSchema('ContactUpdate', contactShape);
export const contactDeleteSchema: z.ZodMiniType<ContactDeleteEvent> = eventSchema('ContactDelete', contactShape);
export const contactTagUpdateSchema: z.ZodMiniType<ContactTagUpdateEvent> = eventSchema('ContactTagUpdate', contactShape);
export const contactDndUpdateSchema: z.ZodMiniType<ContactDndUpdateEvent> = eventSchema('ContactDndUpdate', {
  ...contactShape,
  dndSettings: z.optional(
    z.nullable(z.looseObject({ SMS: dndChannel, Call: dndChannel, Email: dndChannel, GMB: dndChannel, FB: dndChannel, WhatsApp: dndChannel })),
  ),
});
