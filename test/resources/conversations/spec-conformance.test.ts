import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

// The conversations resource held to GHL's own spec (spec/apps/conversations.json): what it sends,
// and what it accepts back.

describe('conversations: every request conforms to spec/apps/conversations.json', () => {
  it('search, list, get, create, update, delete and messages list/get/send/addInbound/addOutbound: path, Version, query and body fields', async () => {
    const recorder = recordRequests();
    const { ghl, sim } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });
    const contact = sim.contacts.seed({ firstName: 'Ada', phone: '+15550001111', email: 'ada@example.com' });
    const other = sim.contacts.seed({ firstName: 'Grace' });

    const created = await ghl.conversations.create({ contactId: other.id });
    await ghl.conversations.get(created.id);
    await ghl.conversations.update(created.id, { starred: true, unreadCount: 0, feedback: { rating: 5 } });
    const sent = await ghl.conversations.messages.send({
      type: 'Email',
      contactId: contact.id,
      subject: 'Receipt',
      html: '<p>Thanks</p>',
      message: 'Thanks',
      attachments: ['https://example.com/r.pdf'],
      emailFrom: 'shop@example.com',
      emailTo: 'ada@example.com',
      emailCc: ['cc@example.com'],
      emailBcc: ['bcc@example.com'],
      emailReplyMode: 'reply',
      scheduledTimestamp: '2030-01-07T10:00:00Z',
      appointmentId: 'ap-1',
      templateId: 't-1',
      threadId: 'th-1',
      replyMessageId: 'm-0',
      conversationProviderId: 'p-1',
      customSubtypeId: 'cs-1',
      usesNativeSchedulingAi: false,
      optimizationPeriod: '24h',
    });
    await ghl.conversations.messages.send({ type: 'SMS', contactId: contact.id, message: 'hi', fromNumber: '+15550002222', toNumber: '+15550001111' });
    await ghl.conversations.messages.addInbound({
      type: 'SMS',
      conversationId: sent.conversationId,
      contactId: contact.id,
      conversationProviderId: 'p-1',
      message: 'Thanks!',
      attachments: [],
      altId: 'ext-1',
      date: '2030-01-07T10:05:00Z',
      emailMessageId: 'em-1',
      call: { to: '+1', from: '+2', status: 'completed' },
    });
    await ghl.conversations.messages.addOutbound({ type: 'Call', conversationId: sent.conversationId, conversationProviderId: 'p-1', altId: 'ext-2', date: new Date('2030-01-07T10:06:00Z'), attachments: [], call: { status: 'answered' } });
    for await (const message of ghl.conversations.messages.list(sent.conversationId, { limit: 2, type: ['TYPE_SMS', 'TYPE_EMAIL', 'TYPE_CALL'] })) expect(message.id).toEqual(expect.any(String));
    await ghl.conversations.messages.get(sent.messageId);
    await ghl.conversations.search({ contactId: contact.id, query: 'Ada', sort: 'desc', sortBy: 'last_message_date', status: 'all', limit: 5, id: sent.conversationId, startAfterDate: Date.now() + 1e9, assignedTo: 'u-1', followers: 'u-2', mentions: 'u-3', lastMessageType: 'TYPE_SMS', lastMessageAction: 'manual', lastMessageDirection: 'outbound', startDate: '2020-01-01T00:00:00Z', endDate: new Date('2040-01-01T00:00:00Z') });
    for await (const conversation of ghl.conversations.list({ limit: 1 })) expect(conversation.id).toEqual(expect.any(String));
    await ghl.conversations.delete(created.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation))).toEqual(
      new Set([
        'POST /conversations/',
        'GET /conversations/{conversationId}',
        'PUT /conversations/{conversationId}',
        'POST /conversations/messages',
        'POST /conversations/messages/inbound',
        'POST /conversations/messages/outbound',
        'GET /conversations/{conversationId}/messages',
        'GET /conversations/messages/{id}',
        'GET /conversations/search',
        'DELETE /conversations/{conversationId}',
      ]),
    );
  });
});

describe('conversations: every spec example answer parses through the resource', () => {
  const BASE = 'https://services.leadconnectorhq.com';

  function answerWithExample(method: 'get' | 'post' | 'put' | 'delete', template: string): void {
    const [example] = specExampleResponses(method, template);
    expect(example, `${method} ${template} has an example answer`).toBeDefined();
    server.use(http[method](`${BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })));
  }

  it('every operation the resource uses', async () => {
    // Registered most generic first: msw tries the handler added last first.
    answerWithExample('get', '/conversations/{conversationId}');
    answerWithExample('get', '/conversations/search');
    answerWithExample('post', '/conversations/');
    answerWithExample('put', '/conversations/{conversationId}');
    answerWithExample('delete', '/conversations/{conversationId}');
    answerWithExample('get', '/conversations/{conversationId}/messages');
    answerWithExample('get', '/conversations/messages/{id}');
    answerWithExample('post', '/conversations/messages');
    answerWithExample('post', '/conversations/messages/inbound');
    answerWithExample('post', '/conversations/messages/outbound');
    const ghl = testClient();

    expect((await ghl.conversations.search()).conversations[0]?.id).toEqual(expect.any(String));
    expect((await ghl.conversations.get('cv-1')).id).toEqual(expect.any(String));
    expect((await ghl.conversations.create({ contactId: 'c-1' })).id).toEqual(expect.any(String));
    expect((await ghl.conversations.update('cv-1', { starred: true })).id).toEqual(expect.any(String));
    await expect(ghl.conversations.delete('cv-1')).resolves.toBeUndefined();
    for await (const message of ghl.conversations.messages.list('cv-1')) {
      expect(message.id).toEqual(expect.any(String));
      break; // the example says nextPage: true with the same cursor forever
    }
    expect((await ghl.conversations.messages.get('m-1')).id).toEqual(expect.any(String));
    expect(await ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'hi' })).toMatchObject({ conversationId: expect.any(String), messageId: expect.any(String) });
    expect((await ghl.conversations.messages.addInbound({ type: 'SMS', conversationId: 'cv-1', contactId: 'c-1', conversationProviderId: 'p-1', message: 'hi' })).messageId).toEqual(expect.any(String));
    expect((await ghl.conversations.messages.addOutbound({ type: 'Call', conversationId: 'cv-1', conversationProviderId: 'p-1' })).messageId).toEqual(expect.any(String));
  });
});
