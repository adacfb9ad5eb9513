import { routeBuilder, type ApiContext } from '../../api-route.js';
import { badRequest, forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { checkedBody, type Checked } from '../../request-body.js';
import { checkDto, type Dto } from '../../dto.js';
import { json } from '../../wire.js';
import type { ContactStore, SimulatedContact } from '../contacts/store.js';
import type { WorkflowStore } from '../workflows/store.js';
import { CREATE_NOTE, CREATE_TASK, TASK_COMPLETED, UPDATE_NOTE, UPDATE_TASK, WORKFLOW_ENROLMENT } from './dtos.js';
import type { ContactActivityStore, SimulatedNote, SimulatedTask } from './store.js';

/** Every contacts operation uses this Version (docs/ghl-api.md §3). */
const route = routeBuilder('2021-07-28');

/**
 * Notes, tasks, workflow enrolment and the duplicate lookup of spec/apps/contacts.json. As for
 * contacts: body validation (422) first, then the contact (404 unknown, 403 another location's),
 * then the note/task/workflow (404 unknown or not this contact's).
 */
export function contactActivityRoutes(store: ContactActivityStore, contacts: ContactStore, workflows: WorkflowStore) {
  function contactOf(context: ApiContext): Checked<SimulatedContact> {
    const contact = contacts.get(context.params['contactId'] ?? '');
    if (!contact) return { error: notFound('Contact not found') };
    return contact.locationId === context.grant.locationId ? { value: contact } : { error: forbiddenLocation() };
  }

  function noteOf(context: ApiContext): Checked<SimulatedNote> {
    const found = contactOf(context);
    if ('error' in found) return found;
    const note = store.notes.get(context.params['id'] ?? '');
    return note && note.contactId === found.value.id ? { value: note } : { error: notFound('Note not found') };
  }

  function taskOf(context: ApiContext): Checked<SimulatedTask> {
    const found = contactOf(context);
    if ('error' in found) return found;
    const task = store.tasks.get(context.params['taskId'] ?? '');
    return task && task.contactId === found.value.id ? { value: task } : { error: notFound('Task not found') };
  }

  return [
    // Duplicate lookup: query `locationId` (required), `email`, `number`; 200 `{contact}` (null when none; docs/ghl-api.md §3.7).
    route('GET /contacts/search/duplicate', (context) => {
      const locationId = context.query.get('locationId');
      if (!locationId) return unprocessable(['locationId should not be empty']);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      const email = context.query.get('email');
      const number = context.query.get('number');
      if (!email && !number) return badRequest('Either email or number is required');
      const match = (email ? contacts.findBy(locationId, 'email', email) : undefined) ?? (number ? contacts.findBy(locationId, 'phone', number) : undefined);
      return json(200, { contact: match ?? null });
    }),

    route('GET /contacts/:contactId/notes', (context) => {
      const found = contactOf(context);
      return 'error' in found ? found.error : json(200, { notes: store.notesOf(found.value.id) });
    }),
    route('POST /contacts/:contactId/notes', (context) => {
      const body = validBody(context, CREATE_NOTE);
      if ('error' in body) return body.error;
      const found = contactOf(context);
      if ('error' in found) return found.error;
      return json(201, { note: store.addNote(found.value.id, body.value as Omit<SimulatedNote, 'id' | 'contactId' | 'dateAdded'>, context.now) });
    }),
    route('GET /contacts/:contactId/notes/:id', (context) => {
      const found = noteOf(context);
      return 'error' in found ? found.error : json(200, { note: found.value });
    }),
    route('PUT /contacts/:contactId/notes/:id', (context) => {
      const body = validBody(context, UPDATE_NOTE);
      if ('error' in body) return body.error;
      const found = noteOf(context);
      return 'error' in found ? found.error : json(200, { note: Object.assign(found.value, body.value) });
    }),
    route('DELETE /contacts/:contactId/notes/:id', (context) => {
      const found = noteOf(context);
      if ('error' in found) return found.error;
      store.notes.delete(found.value.id);
      return json(200, { succeded: true });
    }),

    route('GET /contacts/:contactId/tasks', (context) => {
      const found = contactOf(context);
      return 'error' in found ? found.error : json(200, { tasks: store.tasksOf(found.value.id) });
    }),
    route('POST /contacts/:contactId/tasks', (context) => {
      const body = validBody(context, CREATE_TASK);
      if ('error' in body) return body.error;
      const found = contactOf(context);
      if ('error' in found) return found.error;
      return json(201, { task: store.addTask(found.value.id, body.value as Omit<SimulatedTask, 'id' | 'contactId'>) });
    }),
    route('GET /contacts/:contactId/tasks/:taskId', (context) => {
      const found = taskOf(context);
      return 'error' in found ? found.error : json(200, { task: found.value });
    }),
    route('PUT /contacts/:contactId/tasks/:taskId', (context) => {
      const body = validBody(context, UPDATE_TASK);
      if ('error' in body) return body.error;
      const found = taskOf(context);
      return 'error' in found ? found.error : json(200, { task: Object.assign(found.value, body.value) });
    }),
    route('PUT /contacts/:contactId/tasks/:taskId/completed', (context) => {
      const body = validBody(context, TASK_COMPLETED);
      if ('error' in body) return body.error;
      const found = taskOf(context);
      return 'error' in found ? found.error : json(200, { task: Object.assign(found.value, { completed: body.value['completed'] }) });
    }),
    route('DELETE /contacts/:contactId/tasks/:taskId', (context) => {
      const found = taskOf(context);
      if ('error' in found) return found.error;
      store.tasks.delete(found.value.id);
      return json(200, { succeded: true });
    }),

    // Enrolment: 200 `{succeded}`; an unknown workflow (or another location's) is a 404.
    route('POST /contacts/:contactId/workflow/:workflowId', (context) => {
      const body = validBody(context, WORKFLOW_ENROLMENT);
      if ('error' in body) return body.error;
      const found = contactOf(context);
      if ('error' in found) return found.error;
      const workflow = workflows.get(context.params['workflowId'] ?? '');
      if (!workflow || workflow.locationId !== found.value.locationId) return notFound('Workflow not found');
      const eventStartTime = body.value['eventStartTime'];
      store.enrol({ contactId: found.value.id, workflowId: workflow.id, ...(typeof eventStartTime === 'string' ? { eventStartTime } : {}), dateAdded: new Date(context.now).toISOString() });
      return json(200, { succeded: true });
    }),
    route('DELETE /contacts/:contactId/workflow/:workflowId', (context) => {
      const body = validBody(context, WORKFLOW_ENROLMENT);
      if ('error' in body) return body.error;
      const found = contactOf(context);
      if ('error' in found) return found.error;
      const workflow = workflows.get(context.params['workflowId'] ?? '');
      if (!workflow || workflow.locationId !== found.value.locationId) return notFound('Workflow not found');
      store.unenrol(found.value.id, workflow.id);
      return json(200, { succeded: true });
    }),
  ];
}

/** The body checked against `dto` (none counts as `{}`), or the 400/422 to send. */
function validBody(context: ApiContext, dto: Dto): Checked<Record<string, unknown>> {
  return checkedBody(context, (body) => checkDto(body, dto));
}
