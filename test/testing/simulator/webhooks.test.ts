import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';
import { ghlHandlers } from '../../../src/testing/msw.js';
import { GHLWebhookError, MemoryWebhookReplayStore, verifyWebhook } from '../../../src/webhooks/index.js';
import { freePort } from '../../redis/redis-server.js';
import { apiClient, refresh } from './http.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback endpoint that records every request and answers `status`. */
async function receiver(status = 200) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/ghl`, received };
}

const servers: Server[] = [];
let now = Date.UTC(2026, 2, 1, 12);
let sim: GHLSimulator;
beforeEach(async () => {
  now = Date.UTC(2026, 2, 1, 12);
  sim = await createGHLSimulator({ now: () => now });
});
afterEach(async () => {
  await sim.close();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** node:crypto's own verdict, independent of the SDK. */
function nodeVerifies(received: Received, keys: GHLSimulator['webhookPublicKeys']) {
  const body = Buffer.from(received.body);
  const signature = (name: string) => Buffer.from(String(received.headers[name]), 'base64');
  return {
    ed25519: verify(null, body, createPublicKey({ key: Buffer.from(keys.ed25519, 'base64'), format: 'der', type: 'spki' }), signature('x-ghl-signature')),
    rsa: verify('sha256', body, createPublicKey(keys.rsa), signature('x-wh-signature')),
  };
}

const sdkVerify = (received: Received, options: Parameters<typeof verifyWebhook>[2] = {}) =>
  verifyWebhook(received.body, received.headers as Record<string, string>, { publicKeys: sim.webhookPublicKeys, now: () => now, replayStore: new MemoryWebhookReplayStore(), ...options });

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(GHLWebhookError);
  return (error as GHLWebhookError).reason;
}

describe('sim.webhooks.deliver', () => {
  it('POSTs the event signed like GHL: Ed25519 x-ghl-signature and RSA x-wh-signature over the exact bytes, webhookId and timestamp added', async () => {
    const { url, received } = await receiver();
    const delivery = await sim.webhooks.deliver(url, { type: 'ContactCreate', locationId: sim.locationId, id: 'c1', email: 'ada@example.com' });
    expect(delivery).toMatchObject({ url, type: 'ContactCreate', statuses: [200], fault: undefined });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toBe(delivery.body);
    expect(JSON.parse(request!.body)).toEqual({ type: 'ContactCreate', locationId: sim.locationId, id: 'c1', email: 'ada@example.com', webhookId: delivery.webhookId, timestamp: new Date(now).toISOString() });
    expect(delivery.webhookId).toMatch(/^[0-9a-f-]{36}$/);
    expect(nodeVerifies(request!, sim.webhookPublicKeys)).toEqual({ ed25519: true, rsa: true });
    expect(sim.webhooks.deliveries).toEqual([delivery]);
  });

  it('verifyWebhook accepts it given sim.webhookPublicKeys, through either header, and not with GHL’s own keys', async () => {
    const { url, received } = await receiver();
    await sim.webhooks.deliver(url, { type: 'ContactCreate', locationId: 'l', id: 'c' });
    await sim.webhooks.deliver(url, { type: 'ContactCreate', locationId: 'l', id: 'c' }, { signatures: ['rsa'] });
    expect((await sdkVerify(received[0]!)).type).toBe('ContactCreate');
    expect(received[1]!.headers['x-ghl-signature']).toBeUndefined();
    expect((await sdkVerify(received[1]!)).type).toBe('ContactCreate');
    expect(await reason(sdkVerify(received[1]!, { acceptLegacy: false }))).toBe('missing-signature');
    expect(await reason(sdkVerify(received[0]!, { publicKeys: undefined }))).toBe('bad-signature');
  });

  it('keeps a webhookId and timestamp given in the event', async () => {
    const { url, received } = await receiver();
    await sim.webhooks.deliver(url, { type: 'X', webhookId: 'wh-fixed', timestamp: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(received[0]!.body)).toMatchObject({ webhookId: 'wh-fixed', timestamp: '2026-01-01T00:00:00.000Z' });
  });

  it('fault injection: duplicate, stale timestamp, bad signature, wrong key, missing signature', async () => {
    const { url, received } = await receiver();
    const event = { type: 'ContactUpdate', locationId: 'l', id: 'c' };

    const duplicate = await sim.webhooks.deliver(url, event, { fault: 'duplicate' });
    expect(duplicate.statuses).toEqual([200, 200]);
    expect(received[0]).toEqual(received[1]);
    const store = new MemoryWebhookReplayStore();
    expect((await sdkVerify(received[0]!, { replayStore: store })).type).toBe('ContactUpdate');
    expect(await reason(sdkVerify(received[1]!, { replayStore: store }))).toBe('replayed');

    await sim.webhooks.deliver(url, event, { fault: { kind: 'staleTimestamp', staleByMs: 3_600_000 } });
    expect(JSON.parse(received[2]!.body).timestamp).toBe(new Date(now - 3_600_000).toISOString());
    expect(nodeVerifies(received[2]!, sim.webhookPublicKeys)).toEqual({ ed25519: true, rsa: true });
    expect(await reason(sdkVerify(received[2]!))).toBe('stale');

    await sim.webhooks.deliver(url, event, { fault: 'badSignature' });
    expect(nodeVerifies(received[3]!, sim.webhookPublicKeys)).toEqual({ ed25519: false, rsa: false });
    expect(await reason(sdkVerify(received[3]!))).toBe('bad-signature');

    await sim.webhooks.deliver(url, event, { fault: 'wrongKey' });
    expect(nodeVerifies(received[4]!, sim.webhookPublicKeys)).toEqual({ ed25519: false, rsa: false });
    expect(await reason(sdkVerify(received[4]!))).toBe('bad-signature');

    await sim.webhooks.deliver(url, event, { fault: 'missingSignature' });
    expect(received[5]!.headers['x-ghl-signature']).toBeUndefined();
    expect(received[5]!.headers['x-wh-signature']).toBeUndefined();
    expect(await reason(sdkVerify(received[5]!))).toBe('missing-signature');
    expect(sim.webhooks.deliveries.map((delivery) => delivery.fault)).toEqual(['duplicate', 'staleTimestamp', 'badSignature', 'wrongKey', 'missingSignature']);
  });

  it('queued faults hit the next deliveries in order, `times` each; clearFaults drops them', async () => {
    const { url } = await receiver();
    sim.webhooks.injectFault({ kind: 'badSignature', times: 2 });
    sim.webhooks.injectFault({ kind: 'duplicate' });
    sim.webhooks.injectFault({ kind: 'wrongKey', times: Infinity });
    const stop = sim.webhooks.subscribe(url);
    for (let i = 0; i < 4; i++) sim.contacts.seed({ email: `c${i}@example.com` });
    await sim.webhooks.settled();
    expect(sim.webhooks.deliveries.map((delivery) => delivery.fault)).toEqual(['badSignature', 'badSignature', 'duplicate', 'wrongKey']);
    sim.webhooks.clearFaults();
    sim.contacts.seed({ email: 'clean@example.com' });
    await sim.webhooks.settled();
    expect(sim.webhooks.deliveries.at(-1)!.fault).toBeUndefined();
    stop();
  });

  it('records 0 when nobody answers, and refuses bad arguments with a TypeError', async () => {
    const delivery = await sim.webhooks.deliver(`http://127.0.0.1:${await freePort()}/hook`, { type: 'X' });
    expect(delivery.statuses).toEqual([0]);
    await expect(async () => sim.webhooks.deliver('ftp://x', { type: 'X' })).rejects.toThrow(TypeError);
    expect(() => sim.webhooks.subscribe('not a url')).toThrow(TypeError);
    await expect(async () => sim.webhooks.deliver('http://127.0.0.1/', {} as never)).rejects.toThrow(/event.type/);
    expect(() => sim.webhooks.injectFault({ kind: 'explode' as never })).toThrow(/fault.kind/);
    expect(() => sim.webhooks.injectFault({ kind: 'duplicate', times: 0 })).toThrow(/fault.times/);
    expect(() => sim.webhooks.injectFault({ kind: 'staleTimestamp', staleByMs: -1 })).toThrow(/staleByMs/);
  });
});

describe('the simulator emits webhooks when its state changes', () => {
  it('contacts: ContactCreate, ContactUpdate, ContactTagUpdate, ContactDelete, with GHL’s contact fields', async () => {
    const { url, received } = await receiver();
    const call = apiClient(sim.url, sim.issueTokens().accessToken);
    sim.webhooks.subscribe(url);
    const created = (await call('POST', '/contacts/', { locationId: sim.locationId, email: 'ada@example.com', firstName: 'Ada', tags: ['vip'] })).body.contact;
    await sim.webhooks.settled();
    await call('PUT', `/contacts/${created.id}`, { lastName: 'Lovelace' });
    await sim.webhooks.settled();
    await call('POST', '/contacts/upsert', { locationId: sim.locationId, email: 'ada@example.com', phone: '+15550001111' });
    await sim.webhooks.settled();
    await call('POST', `/contacts/${created.id}/tags`, { tags: ['beta'] });
    await sim.webhooks.settled();
    await call('DELETE', `/contacts/${created.id}`);
    await sim.webhooks.settled();
    await call('POST', '/contacts/upsert', { locationId: sim.locationId, email: 'grace@example.com' });
    await sim.webhooks.settled();

    const events = await Promise.all(received.map((request) => sdkVerify(request)));
    expect(events.map((event) => event.type)).toEqual(['ContactCreate', 'ContactUpdate', 'ContactUpdate', 'ContactTagUpdate', 'ContactDelete', 'ContactCreate']);
    expect(events[0]).toMatchObject({ locationId: sim.locationId, id: created.id, email: 'ada@example.com', firstName: 'Ada', tags: ['vip'], attachments: [], customFields: [] });
    expect(events[1]).toMatchObject({ lastName: 'Lovelace' });
    expect(events[2]).toMatchObject({ phone: '+15550001111' });
    expect(events[3]).toMatchObject({ tags: ['vip', 'beta'] });
    expect(events[4]).toMatchObject({ id: created.id, email: 'ada@example.com' });
    // The simulator's contact fields are its own; only GHL's webhook fields go out.
    expect(events[0]).not.toHaveProperty('emailLowerCase');
  });

  it('a rejected write emits nothing; an unsubscribed URL gets nothing', async () => {
    const { url, received } = await receiver();
    const stop = sim.webhooks.subscribe(url);
    const call = apiClient(sim.url, sim.issueTokens().accessToken);
    await sim.webhooks.settled();
    received.length = 0;
    expect((await call('POST', '/contacts/', { locationId: sim.locationId, email: 'not-an-email', nope: 1 })).status).toBe(422);
    stop();
    await call('POST', '/contacts/', { locationId: sim.locationId, email: 'ada@example.com' });
    await sim.webhooks.settled();
    expect(received).toEqual([]);
  });

  it('INSTALL on issueAuthorizationCode (before the code is exchanged) and on issueTokens', async () => {
    const { url, received } = await receiver();
    sim.webhooks.subscribe(url);
    sim.issueAuthorizationCode({ locationId: 'loc-new' });
    sim.issueTokens({ locationId: 'loc-2' });
    sim.issueTokens({ userType: 'Company' });
    await sim.webhooks.settled();
    const events = await Promise.all(received.map((request) => sdkVerify(request, { appId: sim.appId })));
    expect(sim.appId).toBe('sim');
    expect(events[0]).toMatchObject({ type: 'INSTALL', appId: 'sim', locationId: 'loc-new', companyId: sim.companyId });
    expect(events[1]).toMatchObject({ type: 'INSTALL', locationId: 'loc-2', userId: expect.any(String) });
    expect(events[2]).toMatchObject({ type: 'INSTALL', companyId: sim.companyId });
    expect(events[2]).not.toHaveProperty('locationId');
  });

  it('uninstall: that location’s tokens stop working (401, invalid_grant), others keep working, and UNINSTALL goes out', async () => {
    const { url, received } = await receiver();
    const mine = sim.issueTokens({ locationId: 'loc-1' });
    const other = sim.issueTokens({ locationId: 'loc-2' });
    const pit = sim.issuePrivateIntegrationToken({ locationId: 'loc-1' });
    sim.webhooks.subscribe(url);
    sim.uninstall({ locationId: 'loc-1' });
    sim.uninstall({ userType: 'Company' });
    await sim.webhooks.settled();
    const events = await Promise.all(received.map((request) => sdkVerify(request)));
    expect(events).toEqual([
      expect.objectContaining({ type: 'UNINSTALL', appId: 'sim', locationId: 'loc-1' }),
      expect.objectContaining({ type: 'UNINSTALL', appId: 'sim', companyId: sim.companyId }),
    ]);
    expect(events[0]).not.toHaveProperty('companyId');
    expect((await apiClient(sim.url, mine.accessToken)('GET', '/contacts/?locationId=loc-1')).status).toBe(401);
    expect((await refresh(sim, mine.refreshToken)).body).toMatchObject({ error: 'invalid_grant' });
    expect(sim.currentRefreshToken('loc-1')).toBeUndefined();
    expect((await apiClient(sim.url, other.accessToken)('GET', '/contacts/?locationId=loc-2')).status).toBe(200);
    expect((await apiClient(sim.url, pit)('GET', '/contacts/?locationId=loc-1')).status).toBe(200);
  });

  it('the msw flavour has the same webhook surface', async () => {
    const { url, received } = await receiver();
    const handlers = ghlHandlers({ now: () => now });
    handlers.webhooks.subscribe(url);
    handlers.issueTokens();
    await handlers.webhooks.settled();
    expect((await sdkVerify(received[0]!, { publicKeys: handlers.webhookPublicKeys })).type).toBe('INSTALL');
  });
});
