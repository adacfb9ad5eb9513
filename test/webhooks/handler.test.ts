import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { GHLConfigError } from '../../src/errors.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import {
  createWebhookHandler,
  isKnownWebhookEvent,
  MemoryWebhookReplayStore,
  type ContactCreateEvent,
  type GHLWebhookEvent,
  type WebhookHandlerOptions,
} from '../../src/webhooks/index.js';
import { attacks, NOW } from './attacks.js';
import { contactCreatePayload, signEd25519, testPublicKeys } from './signer.js';

const URL_ = 'http://app.test/webhooks/ghl';

function handlerWith(extra: Partial<WebhookHandlerOptions> = {}) {
  const onEvent = vi.fn<(event: GHLWebhookEvent) => Promise<void>>(async () => undefined);
  const handler = createWebhookHandler({ publicKeys: testPublicKeys(), now: () => NOW, onEvent, ...extra });
  return { handler, onEvent };
}

const post = (body: BodyInit, headers: Record<string, string>) => new Request(URL_, { method: 'POST', body, headers });
const fresh = (overrides: Record<string, unknown> = {}) => contactCreatePayload({ timestamp: new Date(NOW).toISOString(), ...overrides });
function signed(payload: Record<string, unknown> = fresh()) {
  const body = JSON.stringify(payload);
  return { body, headers: { 'content-type': 'application/json', 'x-ghl-signature': signEd25519(body) } };
}

describe('createWebhookHandler (Fetch)', () => {
  it('answers 200 after onEvent and the typed on-handler resolved', async () => {
    const order: string[] = [];
    const onContactCreate = vi.fn(async (event: ContactCreateEvent) => {
      order.push(`on:${event.email}`);
    });
    const { handler, onEvent } = handlerWith({ on: { ContactCreate: onContactCreate } });
    onEvent.mockImplementation(async (event) => {
      order.push(`onEvent:${event.type}`);
    });
    const { body, headers } = signed();
    const response = await handler(post(body, headers));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(order).toEqual(['onEvent:ContactCreate', 'on:ada@example.com']);
  });

  for (const attack of attacks()) {
    it(`${attack.name}: answers ${attack.reason === 'malformed' ? 400 : attack.reason === 'replayed' ? 200 : 401} and never calls onEvent`, async () => {
      const onContactCreate = vi.fn();
      const { handler, onEvent } = handlerWith({ ...attack.options, on: { ContactCreate: onContactCreate, INSTALL: onContactCreate } });
      if (attack.before) expect((await handler(post(attack.before.body, attack.before.headers))).status).toBe(200);
      onEvent.mockClear();
      onContactCreate.mockClear();
      const response = await handler(post(attack.body, attack.headers));
      const expected = attack.reason === 'malformed' ? 400 : attack.reason === 'replayed' ? 200 : 401;
      expect(response.status).toBe(expected);
      expect(await response.json()).toEqual(attack.reason === 'replayed' ? { ok: true, duplicate: true } : { ok: false, error: attack.reason });
      expect(onEvent).not.toHaveBeenCalled();
      expect(onContactCreate).not.toHaveBeenCalled();
    });
  }

  it('a duplicate webhookId answers 200 without calling onEvent again, also when both copies arrive at once', async () => {
    const { handler, onEvent } = handlerWith();
    const { body, headers } = signed();
    const statuses = await Promise.all([1, 2, 3].map(async () => (await handler(post(body, headers))).status));
    expect(statuses).toEqual([200, 200, 200]);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('answers 500 when a handler throws, logs it, and processes GHL’s retry of the same webhookId', async () => {
    const errors: string[] = [];
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (line: string) => errors.push(line) };
    const { handler, onEvent } = handlerWith({ logger });
    onEvent.mockRejectedValueOnce(new Error('database down'));
    const { body, headers } = signed(fresh({ webhookId: 'wh-retry' }));
    const first = await handler(post(body, headers));
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ ok: false, error: 'handler-failed' });
    expect(errors.join('\n')).toContain('wh-retry');
    expect(errors.join('\n')).toContain('database down');
    const retry = await handler(post(body, headers));
    expect(retry.status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(2);
    expect((await handler(post(body, headers))).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(2);
  });

  it('answers 500 (not 200) when the replay store fails, and calls nothing', async () => {
    const replayStore = { claim: vi.fn(async () => Promise.reject(new Error('redis down'))), release: vi.fn(async () => undefined) };
    const { handler, onEvent } = handlerWith({ replayStore });
    const { body, headers } = signed();
    const response = await handler(post(body, headers));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ ok: false, error: 'internal-error' });
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('answers 405 to anything but POST and 413 to a body over maxBodyBytes (declared or streamed)', async () => {
    const { handler, onEvent } = handlerWith({ maxBodyBytes: 100 });
    const get = await handler(new Request(URL_));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const { body, headers } = signed(fresh({ padding: 'x'.repeat(200) }));
    expect((await handler(post(body, headers))).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64));
      },
    });
    const streamed = await handler(new Request(URL_, { method: 'POST', body: stream, headers, duplex: 'half' } as RequestInit));
    expect(streamed.status).toBe(413);
    expect(onEvent).not.toHaveBeenCalled();
  });

  it('handle(): the same pipeline without a Request, for any framework', async () => {
    const { handler, onEvent } = handlerWith();
    const { body, headers } = signed();
    expect(await handler.handle(body, headers)).toEqual({ status: 200, body: { ok: true } });
    expect(await handler.handle(body, headers)).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('delivers unknown event types to onEvent only, verified but not narrowed', async () => {
    const { handler, onEvent } = handlerWith({ on: { ContactCreate: vi.fn() } });
    const { body, headers } = signed({ type: 'InvoicePaid', webhookId: 'wh-i', timestamp: new Date(NOW).toISOString(), total: 10 });
    expect((await handler(post(body, headers))).status).toBe(200);
    const event = onEvent.mock.calls[0]![0];
    expect(isKnownWebhookEvent(event)).toBe(false);
    expect(event).toMatchObject({ type: 'InvoicePaid', total: 10 });
  });

  it('refuses a handler that could never do anything, a typo in on, a non-function and a store without delete', () => {
    expect(() => createWebhookHandler({})).toThrow(GHLConfigError);
    expect(() => createWebhookHandler({ on: { ContactCreated: () => {} } as never })).toThrow(/on\.ContactCreated: not an event type/);
    expect(() => createWebhookHandler({ on: { ContactCreate: 'nope' as never } })).toThrow(/on\.ContactCreate must be a function/);
    expect(() => createWebhookHandler({ onEvent: 'nope' as never })).toThrow(/onEvent must be a function/);
    const store = { get: async () => null, set: async () => undefined };
    expect(() => createWebhookHandler({ tokenStore: store, onEvent: () => {} })).toThrow(/tokenStore must implement delete/);
    expect(() => createWebhookHandler({ tokenStore: new MemoryTokenStore() })).not.toThrow();
    expect(() => createWebhookHandler({ onEvent: () => {}, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createWebhookHandler({ onEvent: () => {}, pendingInstallTtlMs: -1 })).toThrow(/pendingInstallTtlMs/);
  });

  it('each handler has its own replay store unless given one to share', async () => {
    const a = handlerWith();
    const b = handlerWith();
    const { body, headers } = signed();
    expect(await a.handler.handle(body, headers)).toEqual({ status: 200, body: { ok: true } });
    expect(await b.handler.handle(body, headers)).toEqual({ status: 200, body: { ok: true } });
    const replayStore = new MemoryWebhookReplayStore();
    const c = handlerWith({ replayStore });
    const d = handlerWith({ replayStore });
    expect((await c.handler.handle(body, headers)).body).toEqual({ ok: true });
    expect((await d.handler.handle(body, headers)).body).toEqual({ ok: true, duplicate: true });
  });

  it('types: on-handlers get their own event type; onEvent the open union', () => {
    createWebhookHandler({
      on: {
        OpportunityStageUpdate: (event) => {
          expectTypeOf(event.type).toEqualTypeOf<'OpportunityStageUpdate'>();
          expectTypeOf(event.pipelineStageId).toEqualTypeOf<string | null | undefined>();
        },
        AppointmentCreate: (event) => {
          expectTypeOf(event.appointment.id).toEqualTypeOf<string>();
        },
      },
      onEvent: (event) => {
        expectTypeOf(event).toEqualTypeOf<GHLWebhookEvent>();
        if (isKnownWebhookEvent(event) && event.type === 'InboundMessage') expectTypeOf(event.messageType).toEqualTypeOf<string | null | undefined>();
      },
    });
  });
});
