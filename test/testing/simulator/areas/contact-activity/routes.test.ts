import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
let contactId: string;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken);
  contactId = sim.contacts.seed({ firstName: 'Ada', email: 'ada@example.com', phone: '+15550001111' }).id;
});
afterEach(() => sim.close());

describe('notes', () => {
  it('create (201), list, get, update, delete', async () => {
    const created = await call('POST', `/contacts/${contactId}/notes`, { body: 'Called', userId: 'u-1', pinned: true });
    expect(created.status).toBe(201);
    expect(created.body.note).toMatchObject({ id: expect.any(String), contactId, body: 'Called', userId: 'u-1', pinned: true, dateAdded: expect.any(String) });
    const noteId = created.body.note.id as string;

    expect((await call('GET', `/contacts/${contactId}/notes`)).body.notes).toEqual([created.body.note]);
    expect((await call('GET', `/contacts/${contactId}/notes/${noteId}`)).body.note).toEqual(created.body.note);
    const updated = await call('PUT', `/contacts/${contactId}/notes/${noteId}`, { body: 'Called twice' });
    expect(updated).toMatchObject({ status: 200, body: { note: { id: noteId, body: 'Called twice' } } });
    expect(await call('DELETE', `/contacts/${contactId}/notes/${noteId}`)).toMatchObject({ status: 200, body: { succeded: true } });
    expect(sim.contactActivity.notes(contactId)).toEqual([]);
  });

  it('422 with a message array for a missing body or an unknown field; 404 for an unknown contact or note', async () => {
    const invalid = await call('POST', `/contacts/${contactId}/notes`, { text: 'x' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toEqual(['property text should not exist', 'body should not be empty']);
    expect((await call('POST', '/contacts/nope/notes', { body: 'x' })).status).toBe(404);
    expect((await call('GET', `/contacts/${contactId}/notes/nope`)).status).toBe(404);
    const other = sim.contacts.seed({ email: 'b@example.com' }).id;
    const note = sim.contactActivity.seedNote(other, { body: 'theirs' });
    expect((await call('GET', `/contacts/${contactId}/notes/${note.id}`)).status).toBe(404);
  });

  it("403 for another location's contact", async () => {
    const theirs = sim.contacts.seed({ email: 'c@example.com', locationId: 'other-location' });
    expect((await call('GET', `/contacts/${theirs.id}/notes`)).status).toBe(403);
  });
});

describe('tasks', () => {
  it('create needs title, an ISO-8601 dueDate and completed; complete flips it', async () => {
    const invalid = await call('POST', `/contacts/${contactId}/tasks`, { title: 'Call', dueDate: 'tomorrow' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toEqual(['dueDate must be a valid ISO 8601 date string', 'completed should not be empty']);

    const created = await call('POST', `/contacts/${contactId}/tasks`, { title: 'Call', dueDate: '2026-12-01T09:00:00Z', completed: false });
    expect(created.status).toBe(201);
    const taskId = created.body.task.id as string;
    expect(created.body.task).toEqual({ id: taskId, contactId, title: 'Call', dueDate: '2026-12-01T09:00:00Z', completed: false });

    expect((await call('PUT', `/contacts/${contactId}/tasks/${taskId}/completed`, { completed: true })).body.task.completed).toBe(true);
    expect((await call('PUT', `/contacts/${contactId}/tasks/${taskId}/completed`, {})).status).toBe(422);
    expect((await call('PUT', `/contacts/${contactId}/tasks/${taskId}`, { title: 'Call back', done: true })).body.message).toEqual(['property done should not exist']);
    expect((await call('PUT', `/contacts/${contactId}/tasks/${taskId}`, { title: 'Call back' })).body.task.title).toBe('Call back');
    expect((await call('GET', `/contacts/${contactId}/tasks`)).body.tasks).toHaveLength(1);
    expect((await call('GET', `/contacts/${contactId}/tasks/nope`)).status).toBe(404);
    expect((await call('DELETE', `/contacts/${contactId}/tasks/${taskId}`)).status).toBe(200);
    expect((await call('GET', `/contacts/${contactId}/tasks/${taskId}`)).status).toBe(404);
  });
});

describe('workflow enrolment', () => {
  it('adds and removes; an unknown workflow is a 404; a bad eventStartTime a 422', async () => {
    const workflow = sim.workflows.seed({ name: 'Welcome' });
    expect(await call('POST', `/contacts/${contactId}/workflow/${workflow.id}`, { eventStartTime: '2026-12-01T09:00:00+01:00' })).toMatchObject({ status: 200, body: { succeded: true } });
    expect(sim.contactActivity.enrolments({ contactId })).toEqual([{ contactId, workflowId: workflow.id, eventStartTime: '2026-12-01T09:00:00+01:00', dateAdded: expect.any(String) }]);
    expect((await call('POST', `/contacts/${contactId}/workflow/nope`, {})).status).toBe(404);
    expect((await call('POST', `/contacts/${contactId}/workflow/${workflow.id}`, { eventStartTime: 'soon' })).status).toBe(422);
    expect((await call('DELETE', `/contacts/${contactId}/workflow/${workflow.id}`)).status).toBe(200);
    expect(sim.contactActivity.enrolments({ contactId })).toEqual([]);
  });
});

describe('GET /contacts/search/duplicate', () => {
  it('finds by email, else by number; {contact: null} when none; needs locationId and one of them', async () => {
    const byEmail = await call('GET', `/contacts/search/duplicate?locationId=${sim.locationId}&email=ADA%40example.com`);
    expect(byEmail).toMatchObject({ status: 200, body: { contact: { id: contactId } } });
    expect((await call('GET', `/contacts/search/duplicate?locationId=${sim.locationId}&number=%2B15550001111`)).body.contact.id).toBe(contactId);
    expect((await call('GET', `/contacts/search/duplicate?locationId=${sim.locationId}&email=nobody%40example.com`)).body).toEqual({ contact: null });
    expect((await call('GET', '/contacts/search/duplicate?email=ada%40example.com')).status).toBe(422);
    expect((await call('GET', `/contacts/search/duplicate?locationId=${sim.locationId}`)).status).toBe(400);
    expect((await call('GET', '/contacts/search/duplicate?locationId=other&email=ada%40example.com')).status).toBe(403);
  });
});
