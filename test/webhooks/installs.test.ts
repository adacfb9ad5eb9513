import { describe, expect, it, vi } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { createWebhookHandler, type GHLWebhookEvent, type InstallEvent, type WebhookHandlerOptions } from '../../src/webhooks/index.js';
import { NOW } from './attacks.js';
import { signEd25519, testPublicKeys } from './signer.js';

const TOKENS: TokenSet = { accessToken: 'at-secret-value-1', refreshToken: 'rt-secret-value-1', expiresAt: NOW + 3_600_000, locationId: 'loc-1', userType: 'Location' };
let sequence = 0;

function setup(extra: Partial<WebhookHandlerOptions> & { seed?: Record<string, TokenSet> } = {}) {
  const lines: string[] = [];
  const logger = { debug: (l: string) => lines.push(l), info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const store = new MemoryTokenStore(extra.seed ?? {});
  const onEvent = vi.fn<(event: GHLWebhookEvent) => Promise<void>>(async () => undefined);
  const onInstall = vi.fn<(event: InstallEvent) => Promise<void>>(async () => undefined);
  let clock = NOW;
  const handler = createWebhookHandler({ publicKeys: testPublicKeys(), now: () => clock, tokenStore: store, logger, onEvent, on: { INSTALL: onInstall }, ...extra });
  const send = (payload: Record<string, unknown>) => {
    const body = JSON.stringify({ webhookId: `wh-${++sequence}`, timestamp: new Date(clock).toISOString(), appId: 'app-1', ...payload });
    return handler.handle(body, { 'x-ghl-signature': signEd25519(body) });
  };
  return { handler, store, onEvent, onInstall, lines, send, tick: (ms: number) => (clock += ms) };
}

describe('INSTALL / UNINSTALL and the token store', () => {
  it('INSTALL for a location whose tokens are stored is delivered at once', async () => {
    const { send, onInstall, onEvent, handler } = setup({ seed: { 'loc-1': TOKENS } });
    expect(await send({ type: 'INSTALL', locationId: 'loc-1', companyId: 'co-1' })).toEqual({ status: 200, body: { ok: true } });
    expect(onInstall).toHaveBeenCalledTimes(1);
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(handler.pendingInstalls()).toEqual([]);
  });

  it('INSTALL before the code exchange is kept pending (200, no handler) until tokensSaved after the exchange', async () => {
    const { send, onInstall, onEvent, handler, store, lines } = setup();
    expect(await send({ type: 'INSTALL', locationId: 'loc-1', companyId: 'co-1' })).toEqual({ status: 200, body: { ok: true, pending: true } });
    expect(onInstall).not.toHaveBeenCalled();
    expect(onEvent).not.toHaveBeenCalled();
    expect(handler.pendingInstalls()).toEqual(['loc-1']);
    expect(lines.join('\n')).toContain('INSTALL for location loc-1: no tokens stored yet; kept pending');

    // Called too early (no tokens yet): nothing is delivered, it stays pending.
    expect(await handler.tokensSaved('loc-1')).toBe(false);
    expect(handler.pendingInstalls()).toEqual(['loc-1']);

    await store.set('loc-1', TOKENS); // what ghl.oauth.exchangeCode does
    expect(await handler.tokensSaved('loc-1')).toBe(true);
    expect(onInstall).toHaveBeenCalledTimes(1);
    expect(onInstall.mock.calls[0]![0]).toMatchObject({ type: 'INSTALL', locationId: 'loc-1' });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(handler.pendingInstalls()).toEqual([]);
    expect(await handler.tokensSaved('loc-1')).toBe(false);
  });

  it('code exchange first, INSTALL second: delivered at once, nothing pending', async () => {
    const { send, onInstall, handler, store } = setup();
    await store.set('loc-1', TOKENS);
    expect(await handler.tokensSaved('loc-1')).toBe(false);
    expect((await send({ type: 'INSTALL', locationId: 'loc-1' })).body).toEqual({ ok: true });
    expect(onInstall).toHaveBeenCalledTimes(1);
  });

  it('tokens saved while the INSTALL was being admitted: delivered once, never stuck pending', async () => {
    const { send, onInstall, handler, store } = setup();
    // The exchange lands between the lifecycle's first look at the store and its pending entry.
    const get = store.get.bind(store);
    let calls = 0;
    vi.spyOn(store, 'get').mockImplementation(async (key) => {
      const result = await get(key);
      if (++calls === 1) {
        await store.set('loc-1', TOKENS);
        expect(await handler.tokensSaved('loc-1')).toBe(false);
      }
      return result;
    });
    expect((await send({ type: 'INSTALL', locationId: 'loc-1' })).body).toEqual({ ok: true });
    expect(onInstall).toHaveBeenCalledTimes(1);
    expect(handler.pendingInstalls()).toEqual([]);
  });

  it('a handler error during tokensSaved is thrown to the caller and the INSTALL stays pending for another try', async () => {
    const { send, onInstall, handler, store } = setup();
    await send({ type: 'INSTALL', locationId: 'loc-1' });
    await store.set('loc-1', TOKENS);
    onInstall.mockRejectedValueOnce(new Error('provisioning failed'));
    await expect(handler.tokensSaved('loc-1')).rejects.toThrow('provisioning failed');
    expect(handler.pendingInstalls()).toEqual(['loc-1']);
    expect(await handler.tokensSaved('loc-1')).toBe(true);
    expect(onInstall).toHaveBeenCalledTimes(2);
  });

  it('an agency INSTALL (companyId only) waits for the company’s tokens, under company:<id>', async () => {
    const { send, onInstall, handler, store } = setup();
    expect((await send({ type: 'INSTALL', companyId: 'co-1' })).body).toEqual({ ok: true, pending: true });
    expect(handler.pendingInstalls()).toEqual(['company:co-1']);
    // A location whose id is the company's text does not count as the company's tokens.
    await store.set('co-1', { ...TOKENS, userType: 'Location', locationId: 'co-1' });
    expect(await handler.tokensSaved('company:co-1')).toBe(false);
    await store.set('company:co-1', { ...TOKENS, userType: 'Company', companyId: 'co-1' });
    expect(await handler.tokensSaved('company:co-1')).toBe(true);
    expect(onInstall).toHaveBeenCalledTimes(1);
  });

  it('an agency UNINSTALL deletes the company’s tokens, not a location’s', async () => {
    const { send, store } = setup({ seed: { 'company:co-1': { ...TOKENS, userType: 'Company', companyId: 'co-1' }, 'co-1': { ...TOKENS, locationId: 'co-1' } } });
    expect(await send({ type: 'UNINSTALL', companyId: 'co-1' })).toEqual({ status: 200, body: { ok: true } });
    expect(await store.get('company:co-1')).toBeNull();
    expect(await store.get('co-1')).not.toBeNull();
  });

  it('a pending INSTALL is dropped with a warning after pendingInstallTtlMs', async () => {
    const { send, handler, tick, lines } = setup({ pendingInstallTtlMs: 60_000 });
    await send({ type: 'INSTALL', locationId: 'loc-1' });
    tick(60_001);
    expect(handler.pendingInstalls()).toEqual([]);
    expect(lines.join('\n')).toContain('INSTALL for location loc-1 dropped: no tokens were saved within 1 min');
  });

  it('UNINSTALL deletes that location’s tokens, drops its pending INSTALL, logs it without a token, then calls the handlers', async () => {
    const { send, store, onEvent, lines, handler } = setup({ seed: { 'loc-1': TOKENS, 'loc-2': { ...TOKENS, locationId: 'loc-2' } } });
    const order: string[] = [];
    onEvent.mockImplementation(async (event) => {
      order.push(`${event.type}: tokens ${(await store.get('loc-1')) === null ? 'gone' : 'present'}`);
    });
    await send({ type: 'INSTALL', locationId: 'loc-3' });
    expect(handler.pendingInstalls()).toEqual(['loc-3']);
    expect(await send({ type: 'UNINSTALL', locationId: 'loc-1' })).toEqual({ status: 200, body: { ok: true } });
    expect(await send({ type: 'UNINSTALL', locationId: 'loc-3' })).toEqual({ status: 200, body: { ok: true } });
    expect(await store.get('loc-1')).toBeNull();
    expect(await store.get('loc-2')).not.toBeNull();
    expect(handler.pendingInstalls()).toEqual([]);
    expect(order).toEqual(['UNINSTALL: tokens gone', 'UNINSTALL: tokens gone']);
    const log = lines.join('\n');
    expect(log).toContain('UNINSTALL: deleted the stored tokens of location loc-1');
    expect(log).not.toContain(TOKENS.accessToken);
    expect(log).not.toContain(TOKENS.refreshToken);
  });

  it('UNINSTALL whose token delete fails answers 500 (GHL retries) and calls no handler; the retry deletes', async () => {
    const { handler, store, onEvent } = setup({ seed: { 'loc-1': TOKENS } });
    vi.spyOn(store, 'delete').mockRejectedValueOnce(new Error('disk full'));
    const body = JSON.stringify({ type: 'UNINSTALL', appId: 'app-1', locationId: 'loc-1', webhookId: 'wh-uninstall', timestamp: new Date(NOW).toISOString() });
    const headers = { 'x-ghl-signature': signEd25519(body) };
    expect((await handler.handle(body, headers)).status).toBe(500);
    expect(onEvent).not.toHaveBeenCalled();
    expect(await store.get('loc-1')).not.toBeNull();
    expect((await handler.handle(body, headers)).status).toBe(200);
    expect(await store.get('loc-1')).toBeNull();
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('without a tokenStore, INSTALL and UNINSTALL simply reach the handlers', async () => {
    const onEvent = vi.fn();
    const handler = createWebhookHandler({ publicKeys: testPublicKeys(), now: () => NOW, onEvent });
    const body = JSON.stringify({ type: 'INSTALL', appId: 'a', locationId: 'loc-9', webhookId: 'wh-plain', timestamp: new Date(NOW).toISOString() });
    expect((await handler.handle(body, { 'x-ghl-signature': signEd25519(body) })).body).toEqual({ ok: true });
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(await handler.tokensSaved('loc-9')).toBe(false);
    expect(handler.pendingInstalls()).toEqual([]);
  });
});
