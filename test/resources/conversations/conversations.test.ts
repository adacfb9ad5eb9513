import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLResponseError, GHLServerError, GHLTimeoutError, GHLValidationError } from '../../../src/errors.js';
import { testClient } from '../../helpers/client.js';
import { GHL_BASE, route as recordedRoute } from '../../helpers/msw-route.js';
import { countRequests, server } from '../../msw.js';

// ghl.conversations at the HTTP level (msw): method, path, Version, query and body as sent; validation
// before sending; paging; no replay of anything that sends or records a message.

const SENT = { conversationId: 'cv-1', messageId: 'm-1', status: 'pending' };
const ADDED = { success: true, conversationId: 'cv-1', messageId: 'm-2', message: 'ok' };

describe('conversations: what is sent', () => {
  it('sends Version 2021-04-15 on every request; search carries locationId and epoch-ms dates', async () => {
    // msw tries the handler added last first: /conversations/search must not reach the :id handler.
    const get = recordedRoute('get', '/conversations/:id', { id: 'cv-1' });
    const search = recordedRoute('get', '/conversations/search', { conversations: [{ id: 'cv-1', sort: [1700000000000] }], total: 3 });
    const create = recordedRoute('post', '/conversations/', { status: 201, body: { success: true, conversation: { id: 'cv-1' } } });
    const update = recordedRoute('put', '/conversations/:id', { success: true, conversation: { id: 'cv-1', starred: true } });
    const del = recordedRoute('delete', '/conversations/:id', { success: true });
    const ghl = testClient();
    expect(await ghl.conversations.search({ contactId: 'c-1', status: 'unread', startDate: new Date('2030-01-01T00:00:00Z'), limit: 5 })).toEqual({ conversations: [{ id: 'cv-1', sort: [1700000000000] }], total: 3, nextStartAfterDate: 1700000000000 });
    await ghl.conversations.get('cv-1');
    expect(await ghl.conversations.create({ contactId: 'c-1' })).toEqual({ id: 'cv-1' });
    expect(await ghl.conversations.update('cv-1', { starred: true })).toEqual({ id: 'cv-1', starred: true });
    await ghl.conversations.delete('cv-1');
    for (const [seen] of [search, get, create, update, del]) expect(seen?.headers.get('version')).toBe('2021-04-15');
    expect(Object.fromEntries(search[0]?.query ?? [])).toEqual({ locationId: 'loc-1', contactId: 'c-1', status: 'unread', startDate: '1893456000000', limit: '5' });
    expect(create[0]?.body).toEqual({ contactId: 'c-1', locationId: 'loc-1' });
    expect(update[0]?.body).toEqual({ starred: true, locationId: 'loc-1' });
  });

  it('list pages with startAfterDate from the last result until a short page', async () => {
    const pages = recordedRoute(
      'get',
      '/conversations/search',
      { conversations: [{ id: 'a', sort: [30] }, { id: 'b', sort: [20] }], total: 3 },
      { conversations: [{ id: 'c', lastMessageDate: 10 }], total: 3 },
    );
    const ids = [];
    for await (const conversation of testClient().conversations.list({ limit: 2 })) ids.push(conversation.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(pages.map((seen) => seen.query.get('startAfterDate'))).toEqual([null, '20']);
  });

  it('messages.list pages with lastMessageId while nextPage is true; type filters are comma-separated', async () => {
    const pages = recordedRoute('get', '/conversations/:id/messages', { lastMessageId: 'm-2', nextPage: true, messages: [{ id: 'm-1' }, { id: 'm-2' }] }, { lastMessageId: 'm-3', nextPage: false, messages: [{ id: 'm-3' }] });
    const ids = [];
    for await (const message of testClient().conversations.messages.list('cv-1', { limit: 2, type: ['TYPE_SMS', 'TYPE_EMAIL'] })) ids.push(message.id);
    expect(ids).toEqual(['m-1', 'm-2', 'm-3']);
    expect(pages.map((seen) => Object.fromEntries(seen.query))).toEqual([
      { limit: '2', type: 'TYPE_SMS,TYPE_EMAIL' },
      { limit: '2', type: 'TYPE_SMS,TYPE_EMAIL', lastMessageId: 'm-2' },
    ]);
    expect(pages[0]?.headers.get('version')).toBe('2021-04-15');
  });

  it('send, addInbound and addOutbound bodies: scheduledTimestamp in epoch seconds, date as ISO', async () => {
    const send = recordedRoute('post', '/conversations/messages', SENT);
    const inbound = recordedRoute('post', '/conversations/messages/inbound', ADDED);
    const outbound = recordedRoute('post', '/conversations/messages/outbound', ADDED);
    const get = recordedRoute('get', '/conversations/messages/:id', { id: 'm-1', body: 'hi' });
    const ghl = testClient();
    expect(await ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'hi', scheduledTimestamp: '2030-01-07T10:00:00Z' })).toEqual(SENT);
    await ghl.conversations.messages.addInbound({ type: 'Email', conversationId: 'cv-1', contactId: 'c-1', conversationProviderId: 'p-1', html: '<p>x</p>', subject: 's', date: 1_893_974_400_000 });
    await ghl.conversations.messages.addOutbound({ type: 'Call', conversationId: 'cv-1', conversationProviderId: 'p-1', call: { to: '+1', from: '+2', status: 'completed' } });
    expect(await ghl.conversations.messages.get('m-1')).toEqual({ id: 'm-1', body: 'hi' });
    expect(send[0]?.body).toEqual({ type: 'SMS', contactId: 'c-1', message: 'hi', scheduledTimestamp: 1_894_010_400 });
    expect(inbound[0]?.body).toMatchObject({ type: 'Email', date: '2030-01-07T00:00:00.000Z' });
    expect(outbound[0]?.body).toEqual({ type: 'Call', conversationId: 'cv-1', conversationProviderId: 'p-1', call: { to: '+1', from: '+2', status: 'completed' } });
    for (const [seen] of [send, inbound, outbound, get]) expect(seen?.headers.get('version')).toBe('2021-04-15');
  });

  it('malformed answers are GHLResponseErrors', async () => {
    recordedRoute('post', '/conversations/messages', { ok: true });
    recordedRoute('get', '/conversations/:id/messages', { messages: [{ body: 'no id' }] });
    const ghl = testClient();
    await expect(ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'hi' })).rejects.toBeInstanceOf(GHLResponseError);
    const iterate = async () => {
      for await (const _ of ghl.conversations.messages.list('cv-1')) void _;
    };
    await expect(iterate()).rejects.toBeInstanceOf(GHLResponseError);
  });
});

describe('conversations: bad input sends nothing and names the field', () => {
  const cases: Array<[string, (ghl: ReturnType<typeof testClient>) => Promise<unknown>, string]> = [
    ['an SMS without a message', (ghl) => ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1' }), 'message'],
    ['an Email without html or message', (ghl) => ghl.conversations.messages.send({ type: 'Email', contactId: 'c-1', subject: 'Hi' }), 'html'],
    ['an Email without a subject', (ghl) => ghl.conversations.messages.send({ type: 'Email', contactId: 'c-1', message: 'Hi' }), 'subject'],
    ['an unknown channel', (ghl) => ghl.conversations.messages.send({ type: 'Pigeon', contactId: 'c-1', message: 'Hi' } as never), 'type'],
    ['a scheduled time in epoch seconds', (ghl) => ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'Hi', scheduledTimestamp: 1_893_981_600 }), 'scheduledTimestamp'],
    ['an unknown field', (ghl) => ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'Hi', priority: 'high' } as never), 'priority'],
    ['an outbound message that is not a call', (ghl) => ghl.conversations.messages.addOutbound({ type: 'SMS', conversationId: 'cv-1', conversationProviderId: 'p' } as never), 'type'],
    ['an inbound message without a provider', (ghl) => ghl.conversations.messages.addInbound({ type: 'SMS', conversationId: 'cv-1', contactId: 'c-1' } as never), 'conversationProviderId'],
    ['a conversation without a contact', (ghl) => ghl.conversations.create({} as never), 'contactId'],
    ['a message page over 100', (ghl) => ghl.conversations.messages.list('cv-1', { limit: 101 })[Symbol.asyncIterator]().next(), 'limit'],
  ];
  it.each(cases)('%s', async (_name, run, field) => {
    const requests = countRequests();
    const error = await (async () => run(testClient()))().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((issue) => issue.path)).toContain(field);
    expect(requests.count).toBe(0);
  });
});

describe('conversations: no double texting', () => {
  it.each([
    ['messages.send', 'post', '/conversations/messages', (ghl: ReturnType<typeof testClient>) => ghl.conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'hi' }), /messages\.list\(conversationId\) to see whether it was sent/],
    ['messages.addInbound', 'post', '/conversations/messages/inbound', (ghl: ReturnType<typeof testClient>) => ghl.conversations.messages.addInbound({ type: 'SMS', conversationId: 'cv', contactId: 'c', conversationProviderId: 'p', message: 'hi' }), /look for your altId/],
    ['messages.addOutbound', 'post', '/conversations/messages/outbound', (ghl: ReturnType<typeof testClient>) => ghl.conversations.messages.addOutbound({ type: 'Call', conversationId: 'cv', conversationProviderId: 'p' }), /look for your altId/],
    ['conversations.create', 'post', '/conversations/', (ghl: ReturnType<typeof testClient>) => ghl.conversations.create({ contactId: 'c-1' }), /conversations\.search\(\{ contactId \}\)/],
  ] as const)('%s is sent once after a 5xx or a dropped connection; the error says why and what to do', async (_name, method, url, run, nextStep) => {
    const failing = recordedRoute(method, url, { status: 500 });
    const ghl = testClient();
    const error = await run(ghl).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GHLServerError);
    expect((error as Error).message).toMatch(/GHL may have processed it, so it was not replayed/);
    expect((error as Error).message).toMatch(nextStep);
    expect(failing).toHaveLength(1);

    const dropped = recordedRoute(method, url, 'drop');
    const lost = await run(ghl).catch((caught: unknown) => caught);
    expect(lost).toBeInstanceOf(GHLConnectionError);
    expect((lost as Error).message).toMatch(nextStep);
    expect(dropped).toHaveLength(1);
  });

  it('a timed-out send is not replayed either', async () => {
    let attempts = 0;
    server.use(
      http.post(`${GHL_BASE}/conversations/messages`, async () => {
        attempts += 1;
        await delay(200);
        return HttpResponse.json(SENT);
      }),
    );
    await expect(testClient().conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'hi' }, { timeoutMs: 20 })).rejects.toBeInstanceOf(GHLTimeoutError);
    expect(attempts).toBe(1);
  });

  it('a 429 is retried: GHL processed nothing', async () => {
    const send = recordedRoute('post', '/conversations/messages', { status: 429, body: { message: 'Too Many Requests' } }, SENT);
    expect(await testClient().conversations.messages.send({ type: 'SMS', contactId: 'c-1', message: 'hi' })).toEqual(SENT);
    expect(send).toHaveLength(2);
  });
});
