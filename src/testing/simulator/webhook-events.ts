import type { SimulatedContact } from './areas/contacts/store.js';
import type { SimulatedWebhookEvent } from './webhook-sender.js';

/**
 * The payloads the simulator emits, written from GHL's event pages
 * (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events), not from the
 * SDK's schemas: the simulator stays an independent check.
 */

/** What a contact event carries besides `type`, `locationId` and `id` (the ContactCreate page's fields). */
const CONTACT_EVENT_FIELDS = [
  'address1', 'city', 'state', 'companyName', 'country', 'source', 'dateAdded', 'dateOfBirth', 'dnd', 'email',
  'name', 'firstName', 'lastName', 'phone', 'postalCode', 'tags', 'website', 'assignedTo',
] as const;

export type ContactEventType = 'ContactCreate' | 'ContactUpdate' | 'ContactTagUpdate' | 'ContactDelete';

export function contactEvent(type: ContactEventType, contact: SimulatedContact): SimulatedWebhookEvent {
  const event: SimulatedWebhookEvent = { type, locationId: contact.locationId, id: contact.id };
  for (const field of CONTACT_EVENT_FIELDS) if (contact[field] !== undefined) event[field] = structuredClone(contact[field]);
  event['attachments'] = [];
  event['customFields'] = structuredClone(contact.customFields);
  return event;
}

/** Who an install is for: a location, or (agency install) only the company. */
export interface InstallTarget {
  appId: string;
  companyId: string;
  locationId?: string | undefined;
  userId?: string | undefined;
}

/** INSTALL: a location install names `locationId`; an agency install only `companyId`. */
export function installEvent(target: InstallTarget): SimulatedWebhookEvent {
  return {
    type: 'INSTALL',
    appId: target.appId,
    ...(target.locationId === undefined ? {} : { locationId: target.locationId }),
    companyId: target.companyId,
    ...(target.userId === undefined ? {} : { userId: target.userId }),
  };
}

/** UNINSTALL: `locationId` for a location, `companyId` alone for an agency (the AppUninstall page's two examples). */
export function uninstallEvent(target: InstallTarget): SimulatedWebhookEvent {
  return target.locationId === undefined
    ? { type: 'UNINSTALL', appId: target.appId, companyId: target.companyId }
    : { type: 'UNINSTALL', appId: target.appId, locationId: target.locationId };
}
