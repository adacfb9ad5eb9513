import type { Dto } from '../../dto.js';

/*
 * The request bodies of a contact's notes, tasks and workflow enrolment, written from
 * spec/apps/contacts.json (never from the SDK's schemas).
 */

const NOTE_FIELDS = {
  userId: { kind: 'string' },
  title: { kind: 'string' },
  color: { kind: 'string' },
  pinned: { kind: 'boolean' },
} as const;

/** NoteCreateUpdateDTO on POST: `body` required. */
export const CREATE_NOTE: Dto = { body: { kind: 'string', required: true }, ...NOTE_FIELDS };
/** The same DTO on PUT: the spec requires nothing. */
export const UPDATE_NOTE: Dto = { body: { kind: 'string' }, ...NOTE_FIELDS };

const TASK_FIELDS = {
  body: { kind: 'string' },
  assignedTo: { kind: 'string' },
} as const;

/** CreateTaskParams: `title`, `dueDate` and `completed` required. */
export const CREATE_TASK: Dto = { title: { kind: 'string', required: true }, dueDate: { kind: 'dateTime', required: true }, completed: { kind: 'boolean', required: true }, ...TASK_FIELDS };
/** UpdateTaskBody: nothing required. */
export const UPDATE_TASK: Dto = { title: { kind: 'string' }, dueDate: { kind: 'dateTime' }, completed: { kind: 'boolean' }, ...TASK_FIELDS };
/** UpdateTaskStatusParams. */
export const TASK_COMPLETED: Dto = { completed: { kind: 'boolean', required: true } };
/** CreateAddWorkflow (the spec declares the same body on the DELETE). */
export const WORKFLOW_ENROLMENT: Dto = { eventStartTime: { kind: 'dateTime' } };
