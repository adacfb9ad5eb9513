import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken, { version: '2021-04-15' });
});
afterEach(() => sim.close());

describe('POST /conversations/messages', () => {
  it('sends to the contact: opens its conversation, appends the message, answers {conversationId, messageId, status}', async () => {
    const contact = sim.contacts.seed({ phone: '+15550001111' });
    const sent = await call('POST', '/conversations/messages', { type: 'SMS', contactId: contact.id, message: 'hi' });
    expect(sent).toMatchObject({ status: 200, body: { conversationId: expect.any(String), messageId: expect.any(String), status: 'pending' } });
    const again = await call('POST', '/conversations/messages', { type: 'SMS', contactId: contact.id, message: 'again' });
    expect(again.body.conversationId).toBe(sent.body.conversationId);
    expect(sim.conversations.messages(sent.body.conversationId).map((m) => m.body)).toEqual(['hi', 'again']);
    expect(sim.conversations.get(sent.body.conversationId)).toMatchObject({ lastMessageBody: 'again', lastMessageType: 'TYPE_SMS' });
  });

  it('422 on unknown fields or channels, 400 on an SMS without text, an Email without subject, or an unknown contact; needs Version 2021-04-15', async () => {
    const contact = sim.contacts.seed({ phone: '+15550001111' });
    expect(await call('POST', '/conversations/messages', { type: 'SMS', contactId: contact.id, message: 'x', priority: 1 })).toMatchObject({ status: 422, body: { message: ['property priority should not exist'] } });
    expect((await call('POST', '/conversations/messages', { type: 'Pigeon', contactId: contact.id })).status).toBe(422);
    expect((await call('POST', '/conversations/messages', { contactId: contact.id })).status).toBe(422);
    expect((await call('POST', '/conversations/messages', { type: 'SMS', contactId: contact.id })).status).toBe(400);
    expect((await call('POST', '/conversations/messages', { type: 'Email', contactId: contact.id, html: '<p>x</p>' })).status).toBe(400);
    expect((await call('POST', '/conversations/messages', { type: 'SMS', contactId: 'nobody', message: 'x' })).status).toBe(400);
    const wrong = apiClient(sim.url, sim.issueTokens().accessToken, { version: '2021-07-28' });
    expect((await wrong('POST', '/conversations/messages', { type: 'SMS', contactId: contact.id, message: 'x' })).status).toBe(400);
    expect(sim.conversations.list()).toHaveLength(0);
  });
});

describe('GET /conversations/{id}/messages', () => {
  it('pages newest first with lastMessageId and nextPage; filters by type', async () => {
    const conversation = sim.conversations.seed({ contactId: sim.contacts.seed({ phone: '+1' }).id });
    const seeded = sim.conversations.seedMessages(conversation.id, 5);
    sim.conversations.seedMessages(conversation.id, 1, { type: 'Email' });
    const first = await call('GET', `/conversations/${conversation.id}/messages?limit=2&type=TYPE_SMS`);
    expect(first.body).toEqual({ lastMessageId: seeded[3]?.id, nextPage: true, messages: [expect.objectContaining({ id: seeded[4]?.id }), expect.objectContaining({ id: seeded[3]?.id })] });
    const last = await call('GET', `/conversations/${conversation.id}/messages?limit=2&type=TYPE_SMS&lastMessageId=${seeded[1]?.id}`);
    expect(last.body).toMatchObject({ nextPage: false, messages: [{ id: seeded[0]?.id }] });
    expect((await call('GET', `/conversations/${conversation.id}/messages`)).body.messages).toHaveLength(6);
    expect((await call('GET', `/conversations/${conversation.id}/messages?lastMessageId=nope`)).status).toBe(400);
    expect((await call('GET', `/conversations/${conversation.id}/messages?limit=101`)).status).toBe(422);
    expect(await call('GET', `/conversations/messages/${seeded[0]?.id}`)).toMatchObject({ status: 200, body: { id: seeded[0]?.id, conversationId: conversation.id, messageType: 'TYPE_SMS', type: 2 } });
  });
});

describe('conversations CRUD and search', () => {
  it('creates one conversation per contact, gets, updates, searches with startAfterDate, deletes', async () => {
    const contact = sim.contacts.seed({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
    const created = await call('POST', '/conversations/', { locationId: sim.locationId, contactId: contact.id });
    expect(created).toMatchObject({ status: 201, body: { success: true, conversation: { id: expect.any(String), contactId: contact.id } } });
    const id = created.body.conversation.id;
    expect(await call('POST', '/conversations/', { locationId: sim.locationId, contactId: contact.id })).toMatchObject({ status: 400, body: { conversationId: id } });
    expect((await call('POST', '/conversations/', { locationId: sim.locationId, contactId: contact.id, extra: 1 })).status).toBe(422);
    expect(await call('GET', `/conversations/${id}`)).toMatchObject({ status: 200, body: { id, type: 1, unreadCount: 0, deleted: false, inbox: true } });
    expect(await call('PUT', `/conversations/${id}`, { locationId: sim.locationId, starred: true })).toMatchObject({ status: 200, body: { success: true, conversation: { starred: true } } });
    expect((await call('PUT', `/conversations/${id}`, { starred: true })).status).toBe(422);

    for (let i = 0; i < 4; i++) sim.conversations.seed({ contactId: sim.contacts.seed({ firstName: `P${i}` }).id });
    const first = await call('GET', `/conversations/search?locationId=${sim.locationId}&limit=3`);
    expect(first.body.total).toBe(5);
    expect(first.body.conversations).toHaveLength(3);
    const cursor = first.body.conversations[2].sort[0];
    const second = await call('GET', `/conversations/search?locationId=${sim.locationId}&limit=3&startAfterDate=${cursor}`);
    expect(second.body.conversations).toHaveLength(2);
    expect(new Set([...first.body.conversations, ...second.body.conversations].map((c: { id: string }) => c.id)).size).toBe(5);
    expect((await call('GET', `/conversations/search?locationId=${sim.locationId}&query=lovelace`)).body.conversations).toEqual([expect.objectContaining({ id, fullName: 'Ada Lovelace', email: 'ada@example.com' })]);
    expect((await call('GET', '/conversations/search?locationId=other')).status).toBe(403);

    expect(await call('DELETE', `/conversations/${id}`)).toMatchObject({ status: 200, body: { success: true } });
    expect((await call('GET', `/conversations/${id}`)).status).toBe(404);
  });

  it('records provider messages in an existing conversation of that contact', async () => {
    const contact = sim.contacts.seed({ phone: '+1' });
    const conversation = sim.conversations.seed({ contactId: contact.id });
    const inbound = await call('POST', '/conversations/messages/inbound', { type: 'SMS', conversationId: conversation.id, contactId: contact.id, conversationProviderId: 'p', message: 'hi', altId: 'x-1' });
    expect(inbound).toMatchObject({ status: 200, body: { success: true, conversationId: conversation.id, messageId: expect.any(String) } });
    expect(sim.conversations.get(conversation.id)?.unreadCount).toBe(1);
    expect((await call('POST', '/conversations/messages/inbound', { type: 'SMS', conversationId: conversation.id, contactId: 'someone-else', conversationProviderId: 'p' })).status).toBe(400);
    expect((await call('POST', '/conversations/messages/outbound', { type: 'SMS', conversationId: conversation.id, conversationProviderId: 'p' })).status).toBe(422);
    expect((await call('POST', '/conversations/messages/outbound', { type: 'Call', conversationId: 'nope', conversationProviderId: 'p' })).status).toBe(404);
    expect((await call('POST', '/conversations/messages/outbound', { type: 'Call', conversationId: conversation.id, conversationProviderId: 'p', call: { status: 'completed' } })).status).toBe(200);
    expect(sim.conversations.messages(conversation.id).map((m) => [m.direction, m.messageType])).toEqual([
      ['inbound', 'TYPE_SMS'],
      ['outbound', 'TYPE_CALL'],
    ]);
  });

  it('injects faults on every conversations route', async () => {
    const routes = [
      ['GET', '/conversations/search'],
      ['GET', '/conversations/x'],
      ['POST', '/conversations/'],
      ['PUT', '/conversations/x'],
      ['DELETE', '/conversations/x'],
      ['GET', '/conversations/x/messages'],
      ['GET', '/conversations/messages/x'],
      ['POST', '/conversations/messages'],
      ['POST', '/conversations/messages/inbound'],
      ['POST', '/conversations/messages/outbound'],
    ] as const;
    for (const [method, path] of routes) {
      sim.injectFault({ route: `${method} ${path}`, kind: 'status', status: 503 });
      expect((await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {})).status, `${method} ${path}`).toBe(503);
    }
  });
});
