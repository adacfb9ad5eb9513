import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLNotFoundError, GHLValidationError } from '../../../src/errors.js';
import { simulatorClient } from '../../helpers/simulator.js';

// End to end: ghl.conversations against the simulator over loopback HTTP.

async function setup() {
  const context = await simulatorClient();
  const contact = context.sim.contacts.seed({ firstName: 'Ada', lastName: 'Lovelace', phone: '+15550001111', email: 'ada@example.com' });
  return { ...context, contact };
}

describe('conversations on the simulator', () => {
  it('sends an SMS: the message appears in the contact’s conversation', async () => {
    const { ghl, sim, contact } = await setup();
    const sent = await ghl.conversations.messages.send({ type: 'SMS', contactId: contact.id, message: 'Your table is ready' });
    expect(sent).toMatchObject({ conversationId: expect.any(String), messageId: expect.any(String) });
    expect(sim.conversations.messages(sent.conversationId)).toEqual([expect.objectContaining({ id: sent.messageId, body: 'Your table is ready', messageType: 'TYPE_SMS', direction: 'outbound' })]);
    expect(await ghl.conversations.messages.get(sent.messageId)).toMatchObject({ id: sent.messageId, conversationId: sent.conversationId, body: 'Your table is ready' });

    const email = await ghl.conversations.messages.send({ type: 'Email', contactId: contact.id, subject: 'Receipt', html: '<p>Thanks</p>', scheduledTimestamp: new Date(Date.now() + 3_600_000) });
    expect(email.conversationId).toBe(sent.conversationId);
    expect(sim.conversations.messages(sent.conversationId).at(-1)).toMatchObject({ status: 'scheduled', contentType: 'text/html' });
  });

  it('a dropped messages.send leaves exactly 1 message and a typed error that names the safe next step', async () => {
    const { ghl, sim, contact } = await setup();
    sim.injectFault({ route: 'POST /conversations/messages', kind: 'dropAfterProcessing' });
    const attempt = ghl.conversations.messages.send({ type: 'SMS', contactId: contact.id, message: 'Only once, please' });
    await expect(attempt).rejects.toBeInstanceOf(GHLConnectionError);
    await expect(attempt).rejects.toThrow(/may have processed it, so it was not replayed \(list the conversation's last messages with ghl\.conversations\.messages\.list/);
    expect(sim.stats.byRoute['POST /conversations/messages']).toBe(1);
    const [conversation] = sim.conversations.list();
    expect(sim.conversations.messages(conversation?.id ?? '')).toHaveLength(1);

    // The safe next step: the last message is there, so the caller does not send again.
    const [last] = await firstN(ghl.conversations.messages.list(conversation?.id ?? ''), 1);
    expect(last?.body).toBe('Only once, please');
  });

  it('a 429 before GHL processed anything is still retried: one message', async () => {
    const { ghl, sim, contact } = await setup();
    sim.injectFault({ route: 'POST /conversations/messages', kind: 'rateLimit', retryAfterSeconds: 0 });
    await ghl.conversations.messages.send({ type: 'SMS', contactId: contact.id, message: 'hi' });
    expect(sim.stats.byRoute['POST /conversations/messages']).toBe(2);
    expect(sim.conversations.messages(sim.conversations.list()[0]?.id ?? '')).toHaveLength(1);
  });

  it('1,000 messages page through for await, newest first, without a repeat', async () => {
    const { ghl, sim, contact } = await setup();
    const conversation = sim.conversations.seed({ contactId: contact.id });
    const seeded = sim.conversations.seedMessages(conversation.id, 1000);
    const ids: string[] = [];
    for await (const message of ghl.conversations.messages.list(conversation.id, { limit: 100 })) ids.push(message.id);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids).toEqual(seeded.map((message) => message.id).reverse());
    expect(sim.stats.byRoute['GET /conversations/:conversationId/messages']).toBe(10);
  });

  it('creates, gets, searches, lists, updates and deletes conversations', async () => {
    const { ghl, sim, contact } = await setup();
    const created = await ghl.conversations.create({ contactId: contact.id });
    expect(created).toMatchObject({ id: expect.any(String), contactId: contact.id, locationId: sim.locationId });
    expect(await ghl.conversations.get(created.id)).toMatchObject({ id: created.id, contactId: contact.id, unreadCount: 0 });

    const others = Array.from({ length: 44 }, (_, i) => sim.contacts.seed({ firstName: `Person ${i}` }));
    for (const other of others) sim.conversations.seed({ contactId: other.id });
    const page = await ghl.conversations.search({ contactId: contact.id });
    expect(page).toMatchObject({ total: 1, conversations: [{ id: created.id, fullName: 'Ada Lovelace', phone: '+15550001111' }] });

    const all: string[] = [];
    for await (const conversation of ghl.conversations.list({ limit: 10 })) all.push(conversation.id);
    expect(all).toHaveLength(45);
    expect(new Set(all).size).toBe(45);

    expect(await ghl.conversations.update(created.id, { starred: true, unreadCount: 0 })).toMatchObject({ id: created.id, starred: true });
    await ghl.conversations.delete(created.id);
    await expect(ghl.conversations.get(created.id)).rejects.toBeInstanceOf(GHLNotFoundError);
  });

  it('a dropped conversations.create makes exactly one conversation', async () => {
    const { ghl, sim, contact } = await setup();
    sim.injectFault({ route: 'POST /conversations/', kind: 'dropAfterProcessing' });
    await expect(ghl.conversations.create({ contactId: contact.id })).rejects.toThrow(/not replayed.*ghl\.conversations\.search\(\{ contactId \}\)/);
    expect(sim.conversations.list()).toHaveLength(1);
  });

  it('records inbound and outbound provider messages, each never replayed', async () => {
    const { ghl, sim, contact } = await setup();
    const conversation = sim.conversations.seed({ contactId: contact.id });
    const inbound = await ghl.conversations.messages.addInbound({ type: 'SMS', conversationId: conversation.id, contactId: contact.id, conversationProviderId: 'prov-1', message: 'Is 3pm ok?', altId: 'ext-1', date: new Date('2030-01-07T15:00:00Z') });
    expect(inbound).toMatchObject({ conversationId: conversation.id, messageId: expect.any(String) });
    const outbound = await ghl.conversations.messages.addOutbound({ type: 'Call', conversationId: conversation.id, conversationProviderId: 'prov-1', call: { to: '+15550001111', from: '+15550002222', status: 'completed' } });
    expect(sim.conversations.messages(conversation.id).map((m) => [m.id, m.direction])).toEqual([
      [inbound.messageId, 'inbound'],
      [outbound.messageId, 'outbound'],
    ]);

    sim.injectFault({ route: 'POST /conversations/messages/inbound', kind: 'dropAfterProcessing' });
    await expect(ghl.conversations.messages.addInbound({ type: 'SMS', conversationId: conversation.id, contactId: contact.id, conversationProviderId: 'prov-1', message: 'again?', altId: 'ext-2' })).rejects.toThrow(/not replayed.*altId/);
    sim.injectFault({ route: 'POST /conversations/messages/outbound', kind: 'dropAfterProcessing' });
    await expect(ghl.conversations.messages.addOutbound({ type: 'Call', conversationId: conversation.id, conversationProviderId: 'prov-1' })).rejects.toBeInstanceOf(GHLConnectionError);
    expect(sim.conversations.messages(conversation.id)).toHaveLength(4);
  });

  it('refuses an SMS without text and an Email without subject before sending anything', async () => {
    const { ghl, sim, contact } = await setup();
    await expect(ghl.conversations.messages.send({ type: 'SMS', contactId: contact.id })).rejects.toBeInstanceOf(GHLValidationError);
    await expect(ghl.conversations.messages.send({ type: 'Email', contactId: contact.id, html: '<p>x</p>' })).rejects.toThrow(/subject/);
    expect(sim.stats.apiRequests).toBe(0);
  });
});

async function firstN<T>(items: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}
