import * as z from 'zod/mini';
import { eventSchema, optionalString, type WebhookEnvelope } from './common.js';

/*
 * Task and note events, from GHL's TaskCreate, TaskComplete, TaskDelete, NoteCreate, NoteUpdate and
 * NoteDelete pages (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events).
 */

export interface WebhookTask extends WebhookEnvelope {
  locationId: string;
  /** The task id. */
  id: string;
  /** User id. */
  assignedTo?: string | null | undefined;
  body?: string | null | undefined;
  contactId?: string | null | undefined;
  title?: string | null | undefined;
  dateAdded?: string | null | undefined;
  dueDate?: string | null | undefined;
}

export interface TaskCreateEvent extends WebhookTask {
  type: 'TaskCreate';
}
export interface TaskCompleteEvent extends WebhookTask {
  type: 'TaskComplete';
}
export interface TaskDeleteEvent extends WebhookTask {
  type: 'TaskDelete';
}

export interface WebhookNote extends WebhookEnvelope {
  locationId: string;
  /** The note id. */
  id: string;
  body?: string | null | undefined;
  contactId?: string | null | undefined;
  dateAdded?: string | null | undefined;
}

export interface NoteCreateEvent extends WebhookNote {
  type: 'NoteCreate';
}
export interface NoteUpdateEvent extends WebhookNote {
  type: 'NoteUpdate';
}
export interface NoteDeleteEvent extends WebhookNote {
  type: 'NoteDelete';
}

const taskShape = {
  locationId: z.string(),
  id: z.string(),
  assignedTo: optionalString,
  body: optionalString,
  contactId: optionalString,
  title: optionalString,
  dateAdded: optionalString,
  dueDate: optionalString,
};

const noteShape = { locationId: z.string(), id: z.string(), body: optionalString, contactId: optionalString, dateAdded: optionalString };

export const taskCreateSchema: z.ZodMiniType<TaskCreateEvent> = eventSchema('TaskCreate', taskShape);
export const taskCompleteSchema: z.ZodMiniType<TaskCompleteEvent> = eventSchema('TaskComplete', taskShape);
export const taskDeleteSchema: z.ZodMiniType<TaskDeleteEvent> = eventSchema('TaskDelete', taskShape);
export const noteCreateSchema: z.ZodMiniType<NoteCreateEvent> = eventSchema('NoteCreate', noteShape);
export const noteUpdateSchema: z.ZodMiniType<NoteUpdateEvent> = eventSchema('NoteUpdate', noteShape);
export const noteDeleteSchema: z.ZodMiniType<NoteDeleteEvent> = eventSchema('NoteDelete', noteShape);
