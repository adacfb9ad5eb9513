import { describe, expect, expectTypeOf, it } from 'vitest';
import { GHLConnectionError, GHLNotFoundError, GHLResponseError, GHLServerError, GHLValidationError } from '../../../src/errors.js';
import type { Note, Task } from '../../../src/resources/contacts/activity-types.js';
import { testClient } from '../../helpers/client.js';
import { rejection, route } from '../../helpers/msw-route.js';
import { countRequests } from '../../msw.js';

const makeClient = () => testClient({ retry: { retries: 3, minDelayMs: 1 } });
const NOTE = { id: 'n-1', body: 'Called', contactId: 'c-1', dateAdded: '2026-12-01T08:00:00.000Z' };
const TASK = { id: 't-1', title: 'Call', dueDate: '2026-12-01T09:00:00Z', completed: false, contactId: 'c-1' };

describe('contacts.notes', () => {
  it('list, get, create, update, delete: methods, paths, Version and bodies', async () => {
    const list = route('get', '/contacts/:contactId/notes', { notes: [NOTE] });
    const created = route('post', '/contacts/:contactId/notes', { status: 201, body: { note: NOTE } });
    const one = route('get', '/contacts/:contactId/notes/:id', { note: NOTE });
    const updated = route('put', '/contacts/:contactId/notes/:id', { note: { ...NOTE, body: 'Again' } });
    const deleted = route('delete', '/contacts/:contactId/notes/:id', { succeded: true });
    const ghl = makeClient();

    const notes = await ghl.contacts.notes.list('c-1');
    expectTypeOf(notes).toEqualTypeOf<Note[]>();
    expect(notes).toEqual([NOTE]);
    expect(await ghl.contacts.notes.create('c-1', { body: 'Called', userId: 'u-1' })).toEqual(NOTE);
    expect(await ghl.contacts.notes.get('c-1', 'n-1')).toEqual(NOTE);
    expect((await ghl.contacts.notes.update('c-1', 'n-1', { body: 'Again' })).body).toBe('Again');
    await expect(ghl.contacts.notes.delete('c-1', 'n-1')).resolves.toBeUndefined();

    expect(list[0]).toMatchObject({ method: 'GET', path: '/contacts/c-1/notes', body: undefined });
    expect(created[0]).toMatchObject({ method: 'POST', path: '/contacts/c-1/notes', body: { body: 'Called', userId: 'u-1' } });
    expect(one[0]?.path).toBe('/contacts/c-1/notes/n-1');
    expect(updated[0]).toMatchObject({ method: 'PUT', body: { body: 'Again' } });
    expect(deleted[0]?.method).toBe('DELETE');
    for (const request of [...list, ...created, ...one, ...updated, ...deleted]) expect(request.headers.get('version')).toBe('2021-07-28');
  });

  it('refuses a blank body, an unknown field or a bad id before sending anything', async () => {
    const sent = countRequests();
    const ghl = makeClient();
    const blank = (await rejection(ghl.contacts.notes.create('c-1', { body: '  ' }))) as GHLValidationError;
    expect(blank).toBeInstanceOf(GHLValidationError);
    expect(blank.issues.map((issue) => issue.path)).toEqual(['body']);
    const unknown = (await rejection(ghl.contacts.notes.create('c-1', { body: 'x', text: 'x' } as never))) as GHLValidationError;
    expect(unknown.issues).toEqual([{ path: 'text', message: 'unknown field (GHL rejects unknown fields with 422)' }]);
    const badId = (await rejection(ghl.contacts.notes.get('c-1', '..'))) as GHLValidationError;
    expect(badId.issues[0]?.path).toBe('noteId');
    expect(sent.count).toBe(0);
  });

  it('never replays a create whose connection dropped, and says what to do instead', async () => {
    const seen = route('post', '/contacts/:contactId/notes', 'drop');
    const error = (await rejection(makeClient().contacts.notes.create('c-1', { body: 'Called' }))) as GHLConnectionError;
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect(error.message).toContain("it was not replayed (list the contact's notes to see whether it was added before creating it again)");
    expect(seen).toHaveLength(1);
  });

  it('retries a GET after 503 and 429; maps a 404 to GHLNotFoundError; a malformed 2xx is a GHLResponseError', async () => {
    const seen = route('get', '/contacts/:contactId/notes', { status: 503 }, { status: 429 }, { notes: [NOTE] });
    expect(await makeClient().contacts.notes.list('c-1')).toEqual([NOTE]);
    expect(seen).toHaveLength(3);
    route('get', '/contacts/:contactId/notes/:id', { status: 404, body: { statusCode: 404, message: 'Note not found' } });
    expect(await rejection(makeClient().contacts.notes.get('c-1', 'nope'))).toBeInstanceOf(GHLNotFoundError);
    route('put', '/contacts/:contactId/notes/:id', { succeded: true });
    expect(await rejection(makeClient().contacts.notes.update('c-1', 'n-1', { body: 'x' }))).toBeInstanceOf(GHLResponseError);
  });
});

describe('contacts.tasks', () => {
  it('create sends completed: false by default; update, complete (default true), get, list, delete', async () => {
    const created = route('post', '/contacts/:contactId/tasks', { status: 201, body: { task: TASK } });
    const updated = route('put', '/contacts/:contactId/tasks/:taskId', { task: TASK });
    const completed = route('put', '/contacts/:contactId/tasks/:taskId/completed', { task: { ...TASK, completed: true } });
    route('get', '/contacts/:contactId/tasks', { tasks: [TASK] });
    route('get', '/contacts/:contactId/tasks/:taskId', { task: TASK });
    const deleted = route('delete', '/contacts/:contactId/tasks/:taskId', { succeded: true });
    const ghl = makeClient();

    const task = await ghl.contacts.tasks.create('c-1', { title: 'Call', dueDate: '2026-12-01T09:00:00Z' });
    expectTypeOf(task).toEqualTypeOf<Task>();
    expect(created[0]).toMatchObject({ path: '/contacts/c-1/tasks', body: { title: 'Call', dueDate: '2026-12-01T09:00:00Z', completed: false } });
    await ghl.contacts.tasks.update('c-1', 't-1', { assignedTo: 'u-1', dueDate: '2026-12-02T09:00:00+01:00' });
    expect(updated[0]).toMatchObject({ method: 'PUT', path: '/contacts/c-1/tasks/t-1', body: { assignedTo: 'u-1', dueDate: '2026-12-02T09:00:00+01:00' } });
    expect((await ghl.contacts.tasks.complete('c-1', 't-1')).completed).toBe(true);
    await ghl.contacts.tasks.complete('c-1', 't-1', false);
    expect(completed.map((request) => request.body)).toEqual([{ completed: true }, { completed: false }]);
    expect(await ghl.contacts.tasks.list('c-1')).toEqual([TASK]);
    expect(await ghl.contacts.tasks.get('c-1', 't-1')).toEqual(TASK);
    await ghl.contacts.tasks.delete('c-1', 't-1');
    expect(deleted[0]?.path).toBe('/contacts/c-1/tasks/t-1');
  });

  it('refuses a dueDate that is not ISO-8601 with a zone, a missing title, a non-boolean completion: nothing sent', async () => {
    const sent = countRequests();
    const ghl = makeClient();
    const errors = await Promise.all([
      rejection(ghl.contacts.tasks.create('c-1', { title: 'Call', dueDate: 'tomorrow' })),
      rejection(ghl.contacts.tasks.create('c-1', { title: 'Call', dueDate: '2026-12-01' })),
      rejection(ghl.contacts.tasks.create('c-1', { dueDate: '2026-12-01T09:00:00Z' } as never)),
      rejection(ghl.contacts.tasks.update('c-1', 't-1', { dueDate: '12/01/2026' })),
      rejection(ghl.contacts.tasks.complete('c-1', 't-1', 'yes' as never)),
    ]);
    expect(errors.map((error) => (error as GHLValidationError).issues[0]?.path)).toEqual(['dueDate', 'dueDate', 'title', 'dueDate', 'completed']);
    expect(sent.count).toBe(0);
  });

  it('never replays a create after a 500, and says so with the safe next step', async () => {
    const seen = route('post', '/contacts/:contactId/tasks', { status: 500, body: { statusCode: 500, message: 'Internal server error' } });
    const error = (await rejection(makeClient().contacts.tasks.create('c-1', { title: 'Call', dueDate: '2026-12-01T09:00:00Z' }))) as GHLServerError;
    expect(error).toBeInstanceOf(GHLServerError);
    expect(error.message).toBe(
      "GHL POST /contacts/c-1/tasks failed with 500: Internal server error; GHL may have processed it, so it was not replayed (list the contact's tasks to see whether it was added before creating it again)",
    );
    expect(seen).toHaveLength(1);
  });
});

describe('contacts.workflows', () => {
  it('add POSTs the enrolment (eventStartTime optional); remove DELETEs it', async () => {
    const added = route('post', '/contacts/:contactId/workflow/:workflowId', { succeded: true });
    const removed = route('delete', '/contacts/:contactId/workflow/:workflowId', { succeded: true });
    const ghl = makeClient();
    await ghl.contacts.workflows.add('c-1', 'w-1');
    await ghl.contacts.workflows.add('c-1', 'w-1', { eventStartTime: '2026-12-01T09:00:00+01:00' });
    await ghl.contacts.workflows.remove('c-1', 'w-1');
    expect(added.map((request) => [request.path, request.body])).toEqual([
      ['/contacts/c-1/workflow/w-1', {}],
      ['/contacts/c-1/workflow/w-1', { eventStartTime: '2026-12-01T09:00:00+01:00' }],
    ]);
    expect(removed[0]).toMatchObject({ method: 'DELETE', path: '/contacts/c-1/workflow/w-1', body: undefined });
  });

  it('refuses a bad eventStartTime and a bad workflow id before sending; never replays a dropped add', async () => {
    const sent = countRequests();
    const ghl = makeClient();
    expect(((await rejection(ghl.contacts.workflows.add('c-1', 'w-1', { eventStartTime: 'now' }))) as GHLValidationError).issues[0]?.path).toBe('eventStartTime');
    expect(((await rejection(ghl.contacts.workflows.add('c-1', ''))) as GHLValidationError).issues[0]?.path).toBe('workflowId');
    expect(sent.count).toBe(0);
    const seen = route('post', '/contacts/:contactId/workflow/:workflowId', 'drop');
    expect(((await rejection(ghl.contacts.workflows.add('c-1', 'w-1'))) as Error).message).toContain('not replayed');
    expect(seen).toHaveLength(1);
  });
});

describe('contacts.findDuplicate', () => {
  it('GETs /contacts/search/duplicate with locationId and email or number; null when GHL has no contact', async () => {
    const seen = route('get', '/contacts/search/duplicate', { contact: { id: 'c-1', email: 'ada@example.com' } }, { contact: null }, {});
    const ghl = makeClient();
    expect(await ghl.contacts.findDuplicate({ email: 'ada@example.com' })).toEqual({ id: 'c-1', email: 'ada@example.com' });
    expect(await ghl.contacts.findDuplicate({ phone: '+15550001111' })).toBeNull();
    expect(await ghl.contacts.findDuplicate({ email: 'b@example.com', phone: '+15550002222' })).toBeNull();
    expect(Object.fromEntries(seen[0]?.query ?? [])).toEqual({ locationId: 'loc-1', email: 'ada@example.com' });
    expect(Object.fromEntries(seen[1]?.query ?? [])).toEqual({ locationId: 'loc-1', number: '+15550001111' });
    expect(seen[2]?.query.toString()).toBe('locationId=loc-1&email=b%40example.com&number=%2B15550002222');
  });

  it('needs an email or a phone, a valid email, no other field: nothing sent', async () => {
    const sent = countRequests();
    const ghl = makeClient();
    expect(((await rejection(ghl.contacts.findDuplicate({}))) as GHLValidationError).issues[0]?.message).toBe('needs an email or a phone');
    expect(((await rejection(ghl.contacts.findDuplicate({ email: 'nope' }))) as GHLValidationError).issues[0]?.path).toBe('email');
    expect(((await rejection(ghl.contacts.findDuplicate({ name: 'Ada' } as never))) as GHLValidationError).issues[0]?.path).toBe('name');
    expect(sent.count).toBe(0);
  });
});
