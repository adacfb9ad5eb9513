import * as z from 'zod/mini';

/*
 * Input schemas of a contact's notes, tasks and workflow enrolments, from spec/apps/contacts.json.
 * Strict like every input: GHL answers 422 to unknown fields (docs/ghl-api.md §3.2).
 */

const text = z.string().check(z.trim(), z.minLength(1));
const optionalString = z.optional(z.string());
/** ISO-8601 date-time with a zone (`Z` or `+01:00`): the spec's examples; a bare date is ambiguous. */
export const isoDateTime = z.iso.datetime({ offset: true });

const noteFields = {
  userId: optionalString,
  title: optionalString,
  color: optionalString,
  pinned: z.optional(z.boolean()),
};

/** NoteCreateUpdateDTO: `body` required. */
export const createNoteSchema = z.strictObject({ body: text, ...noteFields });
/** The same DTO on PUT; nothing required, but a blank body would erase the note. */
export const updateNoteSchema = z.strictObject({ body: z.optional(text), ...noteFields });

const taskFields = {
  body: optionalString,
  assignedTo: optionalString,
  completed: z.optional(z.boolean()),
};

/** CreateTaskParams: `title`, `dueDate` and `completed` required (the SDK defaults `completed`). */
export const createTaskSchema = z.strictObject({ title: text, dueDate: isoDateTime, ...taskFields });
/** UpdateTaskBody: every field optional. */
export const updateTaskSchema = z.strictObject({ title: z.optional(text), dueDate: z.optional(isoDateTime), ...taskFields });
export const completedSchema = z.boolean();

/** CreateAddWorkflow. */
export const addToWorkflowSchema = z.strictObject({ eventStartTime: z.optional(isoDateTime) });

// Responses: an id is what the SDK needs; every other field passes through.
const note = z.looseObject({ id: z.string() });
const task = z.looseObject({ id: z.string() });
export const noteEnvelopeSchema = z.looseObject({ note });
export const notesResponseSchema = z.looseObject({ notes: z.array(note) });
export const taskEnvelopeSchema = z.looseObject({ task });
export const tasksResponseSchema = z.looseObject({ tasks: z.array(task) });
