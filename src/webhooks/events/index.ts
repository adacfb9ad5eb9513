import type * as z from 'zod/mini';
import { GHLValidationError, type ValidationIssue } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { GHLWebhookError } from '../errors.js';
import { installSchema, planChangeSchema, uninstallSchema, type InstallEvent, type PlanChangeEvent, type UninstallEvent } from './app.js';
import { appointmentCreateSchema, appointmentDeleteSchema, appointmentUpdateSchema, type AppointmentCreateEvent, type AppointmentDeleteEvent, type AppointmentUpdateEvent } from './appointments.js';
import type { WebhookEnvelope } from './common.js';
import {
  contactCreateSchema,
  contactDeleteSchema,
  contactDndUpdateSchema,
  contactTagUpdateSchema,
  contactUpdateSchema,
  type ContactCreateEvent,
  type ContactDeleteEvent,
  type ContactDndUpdateEvent,
  type ContactTagUpdateEvent,
  type ContactUpdateEvent,
} from './contacts.js';
import { inboundMessageSchema, outboundMessageSchema, type InboundMessageEvent, type OutboundMessageEvent } from './messages.js';
import {
  opportunityAssignedToUpdateSchema,
  opportunityCreateSchema,
  opportunityDeleteSchema,
  opportunityMonetaryValueUpdateSchema,
  opportunityStageUpdateSchema,
  opportunityStatusUpdateSchema,
  opportunityUpdateSchema,
  type OpportunityAssignedToUpdateEvent,
  type OpportunityCreateEvent,
  type OpportunityDeleteEvent,
  type OpportunityMonetaryValueUpdateEvent,
  type OpportunityStageUpdateEvent,
  type OpportunityStatusUpdateEvent,
  type OpportunityUpdateEvent,
} from './opportunities.js';
import {
  noteCreateSchema,
  noteDeleteSchema,
  noteUpdateSchema,
  taskCompleteSchema,
  taskCreateSchema,
  taskDeleteSchema,
  type NoteCreateEvent,
  type NoteDeleteEvent,
  type NoteUpdateEvent,
  type TaskCompleteEvent,
  type TaskCreateEvent,
  type TaskDeleteEvent,
} from './tasks-and-notes.js';

/** Every event type ghl-sdk models, as a discriminated union on `type`. */
export type KnownWebhookEvent =
  | InstallEvent
  | UninstallEvent
  | PlanChangeEvent
  | ContactCreateEvent
  | ContactUpdateEvent
  | ContactDeleteEvent
  | ContactDndUpdateEvent
  | ContactTagUpdateEvent
  | OpportunityCreateEvent
  | OpportunityUpdateEvent
  | OpportunityDeleteEvent
  | OpportunityStageUpdateEvent
  | OpportunityStatusUpdateEvent
  | OpportunityMonetaryValueUpdateEvent
  | OpportunityAssignedToUpdateEvent
  | AppointmentCreateEvent
  | AppointmentUpdateEvent
  | AppointmentDeleteEvent
  | TaskCreateEvent
  | TaskCompleteEvent
  | TaskDeleteEvent
  | NoteCreateEvent
  | NoteUpdateEvent
  | NoteDeleteEvent
  | InboundMessageEvent
  | OutboundMessageEvent;

export type KnownWebhookEventType = KnownWebhookEvent['type'];

/** The event interface of one known type, e.g. `WebhookEventOf<'ContactCreate'>`. */
export type WebhookEventOf<Type extends KnownWebhookEventType> = Extract<KnownWebhookEvent, { type: Type }>;

/**
 * A verified event of a type ghl-sdk does not model (yet): accepted, never rejected for being new,
 * just not narrowed. Its fields are whatever GHL sent.
 */
export interface UnknownWebhookEvent extends WebhookEnvelope {
  type: string;
  [field: string]: unknown;
}

/**
 * What `verifyWebhook` returns. `type` of a known event narrows only once the unknown case is ruled
 * out (a `string` type overlaps every literal): `if (isKnownWebhookEvent(event)) switch (event.type) …`,
 * or use the handler's `on: { ContactCreate(event) {…} }`, which is typed per event.
 */
export type GHLWebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;

const SCHEMAS: { readonly [Type in KnownWebhookEventType]: z.ZodMiniType<WebhookEventOf<Type>> } = {
  INSTALL: installSchema,
  UNINSTALL: uninstallSchema,
  PLAN_CHANGE: planChangeSchema,
  ContactCreate: contactCreateSchema,
  ContactUpdate: contactUpdateSchema,
  ContactDelete: contactDeleteSchema,
  ContactDndUpdate: contactDndUpdateSchema,
  ContactTagUpdate: contactTagUpdateSchema,
  OpportunityCreate: opportunityCreateSchema,
  OpportunityUpdate: opportunityUpdateSchema,
  OpportunityDelete: opportunityDeleteSchema,
  OpportunityStageUpdate: opportunityStageUpdateSchema,
  OpportunityStatusUpdate: opportunityStatusUpdateSchema,
  OpportunityMonetaryValueUpdate: opportunityMonetaryValueUpdateSchema,
  OpportunityAssignedToUpdate: opportunityAssignedToUpdateSchema,
  AppointmentCreate: appointmentCreateSchema,
  AppointmentUpdate: appointmentUpdateSchema,
  AppointmentDelete: appointmentDeleteSchema,
  TaskCreate: taskCreateSchema,
  TaskComplete: taskCompleteSchema,
  TaskDelete: taskDeleteSchema,
  NoteCreate: noteCreateSchema,
  NoteUpdate: noteUpdateSchema,
  NoteDelete: noteDeleteSchema,
  InboundMessage: inboundMessageSchema,
  OutboundMessage: outboundMessageSchema,
};

/** Every modelled event type. */
export const KNOWN_WEBHOOK_EVENT_TYPES = Object.freeze(Object.keys(SCHEMAS)) as readonly KnownWebhookEventType[];

/** True when `event.type` is one ghl-sdk models; then `event.type` narrows the event. */
export function isKnownWebhookEvent(event: GHLWebhookEvent): event is KnownWebhookEvent {
  return Object.hasOwn(SCHEMAS, event.type);
}

/**
 * The typed event in an already verified payload, or `GHLWebhookError('malformed')` naming every
 * offending field: the envelope (`type`, `webhookId`, `timestamp`) for all events, and the
 * documented shape for known types.
 */
export function parseWebhookEvent(payload: unknown): GHLWebhookEvent {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw malformed([{ path: '(body)', message: 'must be a JSON object' }]);
  }
  const record = payload as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const field of ['type', 'webhookId'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') issues.push({ path: field, message: 'must be a non-empty string' });
  }
  if (typeof record['timestamp'] !== 'string' || !Number.isFinite(Date.parse(record['timestamp']))) {
    issues.push({ path: 'timestamp', message: 'must be an ISO-8601 date string' });
  }
  if (issues.length > 0) throw malformed(issues);
  const event = record as UnknownWebhookEvent;
  if (!isKnownWebhookEvent(event)) return event;
  try {
    return parseInput(SCHEMAS[event.type] as z.ZodMiniType<KnownWebhookEvent>, record, `${event.type} webhook`);
  } catch (error) {
    if (error instanceof GHLValidationError) throw malformed(error.issues, event.type);
    throw error;
  }
}

function malformed(issues: ValidationIssue[], type?: string): GHLWebhookError {
  const fields = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
  return new GHLWebhookError('malformed', `Webhook rejected: the ${type ?? 'signed'} payload is malformed (${fields})`, { issues });
}

export type { WebhookEnvelope } from './common.js';
export type { InstallEvent, UninstallEvent, PlanChangeEvent } from './app.js';
export type {
  WebhookContact,
  WebhookCustomField,
  WebhookDndChannel,
  WebhookDndSettings,
  ContactCreateEvent,
  ContactUpdateEvent,
  ContactDeleteEvent,
  ContactDndUpdateEvent,
  ContactTagUpdateEvent,
} from './contacts.js';
export type {
  WebhookOpportunity,
  OpportunityCreateEvent,
  OpportunityUpdateEvent,
  OpportunityDeleteEvent,
  OpportunityStageUpdateEvent,
  OpportunityStatusUpdateEvent,
  OpportunityMonetaryValueUpdateEvent,
  OpportunityAssignedToUpdateEvent,
} from './opportunities.js';
export type { WebhookAppointment, AppointmentCreateEvent, AppointmentUpdateEvent, AppointmentDeleteEvent } from './appointments.js';
export type { WebhookTask, WebhookNote, TaskCreateEvent, TaskCompleteEvent, TaskDeleteEvent, NoteCreateEvent, NoteUpdateEvent, NoteDeleteEvent } from './tasks-and-notes.js';
export type { InboundMessageEvent, OutboundMessageEvent } from './messages.js';
