/*
 * Public types of a contact's notes, tasks and workflow enrolments, written out (not inferred from
 * zod). They mirror spec/apps/contacts.json (NoteCreateUpdateDTO, NotesDTO, CreateTaskParams,
 * UpdateTaskBody, TaskSchema, CreateAddWorkflow).
 */

/** A note as GHL returns it. Only `id` is guaranteed; the spec marks every field optional. */
export interface Note {
  id: string;
  body?: string | undefined;
  /** The user who wrote it. */
  userId?: string | undefined;
  contactId?: string | undefined;
  dateAdded?: string | undefined;
  title?: string | undefined;
  /** `#RRGGBB`. */
  color?: string | undefined;
  pinned?: boolean | undefined;
}

export interface CreateNoteInput {
  /** The note's text (required, non-empty). */
  body: string;
  /** The user shown as its author. */
  userId?: string | undefined;
  title?: string | undefined;
  color?: string | undefined;
  pinned?: boolean | undefined;
}

/** GHL's update takes the same fields, none required; `body` is still never blank. */
export interface UpdateNoteInput {
  body?: string | undefined;
  userId?: string | undefined;
  title?: string | undefined;
  color?: string | undefined;
  pinned?: boolean | undefined;
}

/** A task as GHL returns it. Only `id` is guaranteed. */
export interface Task {
  id: string;
  title?: string | undefined;
  body?: string | undefined;
  /** User id of the assignee. */
  assignedTo?: string | undefined;
  /** ISO-8601. */
  dueDate?: string | undefined;
  completed?: boolean | undefined;
  contactId?: string | undefined;
}

export interface CreateTaskInput {
  title: string;
  /** ISO-8601 date-time with a zone, e.g. `2026-12-01T09:00:00Z`. */
  dueDate: string;
  body?: string | undefined;
  /** User id of the assignee. */
  assignedTo?: string | undefined;
  /** GHL requires it; the SDK sends `false` when omitted. */
  completed?: boolean | undefined;
}

export interface UpdateTaskInput {
  title?: string | undefined;
  /** ISO-8601 date-time with a zone. */
  dueDate?: string | undefined;
  body?: string | undefined;
  assignedTo?: string | undefined;
  completed?: boolean | undefined;
}

export interface AddToWorkflowOptions {
  /** When the workflow's first event runs for this contact: ISO-8601 with a zone. Default: now. */
  eventStartTime?: string | undefined;
}
