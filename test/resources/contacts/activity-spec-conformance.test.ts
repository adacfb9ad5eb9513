import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { GHL_BASE } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

// Contact notes, tasks, workflow enrolment and the duplicate lookup held to spec/apps/contacts.json.

describe('contact activity: every request conforms to spec/apps/contacts.json', () => {
  it('notes, tasks, workflows and findDuplicate: path, Version, query and body fields', async () => {
    const recorder = recordRequests();
    const { ghl, sim } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });
    const contact = sim.contacts.seed({ email: 'ada@example.com', phone: '+15550001111' });
    const workflow = sim.workflows.seed({ name: 'Welcome' });

    const note = await ghl.contacts.notes.create(contact.id, { body: 'Called', userId: 'u-1', title: 'Call', color: '#FFAA00', pinned: true });
    await ghl.contacts.notes.list(contact.id);
    await ghl.contacts.notes.get(contact.id, note.id);
    await ghl.contacts.notes.update(contact.id, note.id, { body: 'Called again', pinned: false });
    await ghl.contacts.notes.delete(contact.id, note.id);
    const task = await ghl.contacts.tasks.create(contact.id, { title: 'Call back', dueDate: '2026-12-01T09:00:00Z', body: 'About the quote', assignedTo: 'u-1' });
    await ghl.contacts.tasks.list(contact.id);
    await ghl.contacts.tasks.get(contact.id, task.id);
    await ghl.contacts.tasks.update(contact.id, task.id, { title: 'Call back soon', completed: false });
    await ghl.contacts.tasks.complete(contact.id, task.id);
    await ghl.contacts.tasks.delete(contact.id, task.id);
    await ghl.contacts.workflows.add(contact.id, workflow.id, { eventStartTime: '2026-12-01T09:00:00+01:00' });
    await ghl.contacts.workflows.remove(contact.id, workflow.id);
    expect((await ghl.contacts.findDuplicate({ email: 'ada@example.com', phone: '+15550001111' }))?.id).toBe(contact.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation))).toEqual(
      new Set([
        'POST /contacts/{contactId}/notes',
        'GET /contacts/{contactId}/notes',
        'GET /contacts/{contactId}/notes/{id}',
        'PUT /contacts/{contactId}/notes/{id}',
        'DELETE /contacts/{contactId}/notes/{id}',
        'POST /contacts/{contactId}/tasks',
        'GET /contacts/{contactId}/tasks',
        'GET /contacts/{contactId}/tasks/{taskId}',
        'PUT /contacts/{contactId}/tasks/{taskId}',
        'PUT /contacts/{contactId}/tasks/{taskId}/completed',
        'DELETE /contacts/{contactId}/tasks/{taskId}',
        'POST /contacts/{contactId}/workflow/{workflowId}',
        'DELETE /contacts/{contactId}/workflow/{workflowId}',
        'GET /contacts/search/duplicate',
      ]),
    );
  });
});

describe('contact activity: every spec example answer parses through the resource', () => {
  function answerWithExample(method: 'get' | 'post' | 'put' | 'delete', template: string): void {
    const [example] = specExampleResponses(method, template);
    expect(example, `${method} ${template} has an example answer`).toBeDefined();
    server.use(http[method](`${GHL_BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })));
  }

  it('notes, tasks and workflow enrolment', async () => {
    for (const [method, template] of [
      ['get', '/contacts/{contactId}/notes'],
      ['post', '/contacts/{contactId}/notes'],
      ['get', '/contacts/{contactId}/notes/{id}'],
      ['put', '/contacts/{contactId}/notes/{id}'],
      ['delete', '/contacts/{contactId}/notes/{id}'],
      ['get', '/contacts/{contactId}/tasks'],
      ['post', '/contacts/{contactId}/tasks'],
      ['get', '/contacts/{contactId}/tasks/{taskId}'],
      ['put', '/contacts/{contactId}/tasks/{taskId}'],
      ['put', '/contacts/{contactId}/tasks/{taskId}/completed'],
      ['delete', '/contacts/{contactId}/tasks/{taskId}'],
      ['post', '/contacts/{contactId}/workflow/{workflowId}'],
      ['delete', '/contacts/{contactId}/workflow/{workflowId}'],
    ] as const) answerWithExample(method, template);
    const ghl = testClient();

    expect((await ghl.contacts.notes.list('c-1'))[0]?.id).toEqual(expect.any(String));
    expect((await ghl.contacts.notes.create('c-1', { body: 'x' })).id).toEqual(expect.any(String));
    expect((await ghl.contacts.notes.get('c-1', 'n-1')).id).toEqual(expect.any(String));
    expect((await ghl.contacts.notes.update('c-1', 'n-1', { body: 'x' })).id).toEqual(expect.any(String));
    await expect(ghl.contacts.notes.delete('c-1', 'n-1')).resolves.toBeUndefined();
    expect((await ghl.contacts.tasks.list('c-1'))[0]?.id).toEqual(expect.any(String));
    expect((await ghl.contacts.tasks.create('c-1', { title: 'x', dueDate: '2026-12-01T09:00:00Z' })).id).toEqual(expect.any(String));
    expect((await ghl.contacts.tasks.get('c-1', 't-1')).id).toEqual(expect.any(String));
    expect((await ghl.contacts.tasks.update('c-1', 't-1', { title: 'x' })).id).toEqual(expect.any(String));
    expect((await ghl.contacts.tasks.complete('c-1', 't-1')).completed).toBe(true);
    await expect(ghl.contacts.tasks.delete('c-1', 't-1')).resolves.toBeUndefined();
    await expect(ghl.contacts.workflows.add('c-1', 'w-1')).resolves.toBeUndefined();
    await expect(ghl.contacts.workflows.remove('c-1', 'w-1')).resolves.toBeUndefined();
  });

  it('findDuplicate has no example to parse: the spec declares no answer (the resource follows docs/ghl-api.md §3.7)', () => {
    expect(specExampleResponses('get', '/contacts/search/duplicate')).toEqual([]);
  });
});
