import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLNotFoundError, GHLValidationError } from '../../../src/errors.js';
import { rejection } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';

// Notes, tasks, workflow enrolment and findDuplicate end to end: the SDK over real HTTP against the simulator.

async function setup() {
  const env = await simulatorClient();
  const contact = env.sim.contacts.seed({ firstName: 'Ada', email: 'ada@example.com', phone: '+15550001111' });
  const workflow = env.sim.workflows.seed({ name: 'Welcome' });
  return { ...env, contactId: contact.id, workflowId: workflow.id };
}

describe('contacts.notes end to end', () => {
  it('create, list, get, update, delete', async () => {
    const { ghl, sim, contactId } = await setup();
    const note = await ghl.contacts.notes.create(contactId, { body: 'Called about the quote', pinned: true });
    expect(sim.contactActivity.notes(contactId)).toEqual([expect.objectContaining({ id: note.id, body: 'Called about the quote', pinned: true })]);
    expect(await ghl.contacts.notes.list(contactId)).toEqual([note]);
    expect(await ghl.contacts.notes.get(contactId, note.id)).toEqual(note);
    expect((await ghl.contacts.notes.update(contactId, note.id, { body: 'Quote sent' })).body).toBe('Quote sent');
    await ghl.contacts.notes.delete(contactId, note.id);
    expect(sim.contactActivity.notes(contactId)).toEqual([]);
  });

  it('a create whose connection drops after GHL stored it leaves exactly one note and a typed error saying it was not replayed', async () => {
    const { ghl, sim, contactId } = await setup();
    sim.injectFault({ route: 'POST /contacts/:contactId/notes', kind: 'dropAfterProcessing' });
    const error = (await rejection(ghl.contacts.notes.create(contactId, { body: 'Once' }))) as GHLConnectionError;
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect(error.message).toMatch(/not replayed \(list the contact's notes/);
    expect(sim.contactActivity.notes(contactId)).toHaveLength(1);
    expect(sim.stats.byRoute['POST /contacts/:contactId/notes']).toBe(1);
  });

  it('bad input sends nothing; an unknown note or contact is GHLNotFoundError; a GET is retried after 429 and 503', async () => {
    const { ghl, sim, contactId } = await setup();
    sim.resetStats();
    expect(await rejection(ghl.contacts.notes.create(contactId, { body: '' }))).toBeInstanceOf(GHLValidationError);
    expect(await rejection(ghl.contacts.notes.update(contactId, 'n-1', { text: 'x' } as never))).toBeInstanceOf(GHLValidationError);
    expect(sim.stats.apiRequests).toBe(0);
    expect(await rejection(ghl.contacts.notes.get(contactId, 'unknown-note'))).toBeInstanceOf(GHLNotFoundError);
    expect(await rejection(ghl.contacts.notes.list('unknown-contact'))).toBeInstanceOf(GHLNotFoundError);
    sim.resetStats();
    sim.injectFault({ route: 'GET /contacts/:contactId/notes', kind: 'rateLimit', retryAfterSeconds: 0 });
    sim.injectFault({ route: 'GET /contacts/:contactId/notes', kind: 'status', status: 503 });
    expect(await ghl.contacts.notes.list(contactId)).toEqual([]);
    expect(sim.stats.byRoute['GET /contacts/:contactId/notes']).toBe(3);
  });
});

describe('contacts.tasks end to end', () => {
  it('create (completed false by default), update, complete, list, get, delete', async () => {
    const { ghl, sim, contactId } = await setup();
    const task = await ghl.contacts.tasks.create(contactId, { title: 'Call back', dueDate: '2026-12-02T09:00:00Z' });
    expect(task).toMatchObject({ title: 'Call back', completed: false, contactId });
    expect((await ghl.contacts.tasks.update(contactId, task.id, { dueDate: '2026-12-03T09:00:00+01:00' })).dueDate).toBe('2026-12-03T09:00:00+01:00');
    expect((await ghl.contacts.tasks.complete(contactId, task.id)).completed).toBe(true);
    expect((await ghl.contacts.tasks.complete(contactId, task.id, false)).completed).toBe(false);
    expect(await ghl.contacts.tasks.list(contactId)).toHaveLength(1);
    expect((await ghl.contacts.tasks.get(contactId, task.id)).id).toBe(task.id);
    await ghl.contacts.tasks.delete(contactId, task.id);
    expect(sim.contactActivity.tasks(contactId)).toEqual([]);
  });

  it('a dropped create leaves one task; bad dates send nothing; unknown ids are GHLNotFoundError', async () => {
    const { ghl, sim, contactId } = await setup();
    sim.injectFault({ route: 'POST /contacts/:contactId/tasks', kind: 'dropAfterProcessing' });
    const error = await rejection(ghl.contacts.tasks.create(contactId, { title: 'Once', dueDate: '2026-12-02T09:00:00Z' }));
    expect((error as Error).message).toContain('not replayed');
    expect(sim.contactActivity.tasks(contactId)).toHaveLength(1);
    sim.resetStats();
    expect(await rejection(ghl.contacts.tasks.create(contactId, { title: 'x', dueDate: 'next week' }))).toBeInstanceOf(GHLValidationError);
    expect(sim.stats.apiRequests).toBe(0);
    expect(await rejection(ghl.contacts.tasks.complete(contactId, 'unknown-task'))).toBeInstanceOf(GHLNotFoundError);
  });
});

describe('contacts.workflows end to end', () => {
  it('add enrols once even when the connection drops after GHL enrolled; remove takes it out; an unknown workflow is GHLNotFoundError', async () => {
    const { ghl, sim, contactId, workflowId } = await setup();
    sim.injectFault({ route: 'POST /contacts/:contactId/workflow/:workflowId', kind: 'dropAfterProcessing' });
    expect(await rejection(ghl.contacts.workflows.add(contactId, workflowId))).toBeInstanceOf(GHLConnectionError);
    expect(sim.contactActivity.enrolments({ contactId })).toHaveLength(1);
    await ghl.contacts.workflows.remove(contactId, workflowId);
    expect(sim.contactActivity.enrolments({ contactId })).toEqual([]);
    await ghl.contacts.workflows.add(contactId, workflowId, { eventStartTime: '2026-12-01T09:00:00Z' });
    expect(sim.contactActivity.enrolments({ contactId })[0]?.eventStartTime).toBe('2026-12-01T09:00:00Z');
    expect(await rejection(ghl.contacts.workflows.add(contactId, 'unknown-workflow'))).toBeInstanceOf(GHLNotFoundError);
  });
});

describe('contacts.findDuplicate end to end', () => {
  it('finds by email or phone, null when nothing matches, retried after a 502', async () => {
    const { ghl, sim, contactId } = await setup();
    expect((await ghl.contacts.findDuplicate({ email: 'ADA@example.com' }))?.id).toBe(contactId);
    expect((await ghl.contacts.findDuplicate({ phone: '+15550001111' }))?.id).toBe(contactId);
    expect(await ghl.contacts.findDuplicate({ email: 'nobody@example.com' })).toBeNull();
    sim.injectFault({ route: 'GET /contacts/search/duplicate', kind: 'status', status: 502 });
    expect((await ghl.contacts.findDuplicate({ email: 'ada@example.com' }))?.id).toBe(contactId);
  });
});
