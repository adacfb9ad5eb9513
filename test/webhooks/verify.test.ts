import { describe, expect, it } from 'vitest';
import { GHLConfigError, GHLError } from '../../src/errors.js';
import { GHLWebhookError, MemoryWebhookReplayStore, verifyWebhook, type VerifyWebhookOptions, type WebhookReplayStore } from '../../src/webhooks/index.js';
import { APP_ID, attacks, NOW } from './attacks.js';
import { contactCreatePayload, signEd25519, signRsa, testKeys, testPublicKeys } from './signer.js';

const options = (extra: VerifyWebhookOptions = {}): VerifyWebhookOptions => ({ publicKeys: testPublicKeys(), now: () => NOW, replayStore: new MemoryWebhookReplayStore(), ...extra });
const payload = (overrides: Record<string, unknown> = {}) => contactCreatePayload({ timestamp: new Date(NOW).toISOString(), ...overrides });

async function rejection(promise: Promise<unknown>): Promise<GHLWebhookError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GHLWebhookError);
  expect(error).toBeInstanceOf(GHLError);
  return error as GHLWebhookError;
}

describe('verifyWebhook: valid signatures over the raw bytes', () => {
  it('accepts a valid Ed25519 x-ghl-signature and returns the typed event, unknown fields kept', async () => {
    const body = JSON.stringify(payload({ customField: 'kept' }), null, 2);
    const event = await verifyWebhook(body, { 'X-GHL-Signature': signEd25519(body) }, options());
    expect(event).toMatchObject({ type: 'ContactCreate', id: 'contact-1', locationId: 'loc-1', email: 'ada@example.com', customField: 'kept' });
  });

  it('accepts a valid RSA-SHA256 x-wh-signature (legacy) with the key as base64 SPKI or PEM', async () => {
    for (const rsa of [testKeys().rsa.spki, testKeys().rsa.pem]) {
      const body = JSON.stringify(payload());
      const event = await verifyWebhook(body, { 'x-wh-signature': signRsa(body) }, options({ publicKeys: { ed25519: testKeys().ed25519.spki, rsa } }));
      expect(event.type).toBe('ContactCreate');
    }
  });

  it('verifies the bytes as given: string, Uint8Array, ArrayBuffer, a Buffer slice of a larger buffer, and a Fetch Headers', async () => {
    const body = JSON.stringify(payload({ name: 'Zoë Ünicode' }));
    const bytes = new TextEncoder().encode(body);
    const big = Buffer.concat([Buffer.from('garbage-before'), Buffer.from(bytes), Buffer.from('garbage-after')]);
    const slice = big.subarray(14, 14 + bytes.length);
    const inputs = [body, bytes, bytes.buffer.slice(0), slice];
    for (const raw of inputs) {
      const event = await verifyWebhook(raw, new Headers({ 'x-ghl-signature': signEd25519(bytes) }), options());
      expect(event).toMatchObject({ name: 'Zoë Ünicode' });
    }
  });

  it('accepts when either header verifies (GHL sends both until the legacy one retires)', async () => {
    const body = JSON.stringify(payload());
    const event = await verifyWebhook(body, { 'x-ghl-signature': 'AAAA', 'x-wh-signature': signRsa(body) }, options());
    expect(event.type).toBe('ContactCreate');
  });

  it('accepts a signature by any key of a list (rotation), and not one by a key left out', async () => {
    const body = JSON.stringify(payload());
    const other = testKeys().ed25519.spki;
    const rotated = options({ publicKeys: { ed25519: ['MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=', other] } });
    expect((await verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, rotated)).type).toBe('ContactCreate');
    const ghlOnly = options({ publicKeys: {} });
    expect((await rejection(verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, ghlOnly))).reason).toBe('bad-signature');
  });

  it('uses GHL’s published keys by default: the test key is not trusted', async () => {
    const body = JSON.stringify(payload());
    const error = await rejection(verifyWebhook(body, { 'x-ghl-signature': signEd25519(body), 'x-wh-signature': signRsa(body) }, { now: () => NOW }));
    expect(error.reason).toBe('bad-signature');
    expect(error.message).toContain('x-ghl-signature and x-wh-signature');
  });

  it('accepts an event type it does not model, verified but not narrowed', async () => {
    const body = JSON.stringify({ type: 'InvoicePaid', webhookId: 'wh-invoice', timestamp: new Date(NOW).toISOString(), amount: 12 });
    const event = await verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, options());
    expect(event).toEqual({ type: 'InvoicePaid', webhookId: 'wh-invoice', timestamp: new Date(NOW).toISOString(), amount: 12 });
  });

  it('accepts timestamps just inside the tolerance, both ways, and honours toleranceMs', async () => {
    for (const offset of [-299_000, 299_000]) {
      const body = JSON.stringify(payload({ timestamp: new Date(NOW + offset).toISOString() }));
      expect((await verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, options())).type).toBe('ContactCreate');
    }
    const body = JSON.stringify(payload({ timestamp: new Date(NOW - 60_000).toISOString() }));
    expect((await rejection(verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, options({ toleranceMs: 30_000 })))).reason).toBe('stale');
  });

  it('an appId option accepts its own app events and events that name no app', async () => {
    const install = JSON.stringify({ type: 'INSTALL', appId: APP_ID, locationId: 'loc-1', webhookId: 'wh-1', timestamp: new Date(NOW).toISOString() });
    expect((await verifyWebhook(install, { 'x-ghl-signature': signEd25519(install) }, options({ appId: APP_ID }))).type).toBe('INSTALL');
    const contact = JSON.stringify(payload());
    expect((await verifyWebhook(contact, { 'x-ghl-signature': signEd25519(contact) }, options({ appId: APP_ID }))).type).toBe('ContactCreate');
  });
});

describe('verifyWebhook: every attack is refused with its reason', () => {
  for (const attack of attacks()) {
    it(`${attack.name} → ${attack.reason}`, async () => {
      const verifyOptions = options(attack.options);
      if (attack.before) await verifyWebhook(attack.before.body, attack.before.headers, verifyOptions);
      const error = await rejection(verifyWebhook(attack.body, attack.headers, verifyOptions));
      expect(error.reason).toBe(attack.reason);
      // Messages say why without quoting what was received.
      expect(error.message).not.toContain(attack.body);
      for (const value of Object.values(attack.headers)) if (value.length > 8) expect(error.message).not.toContain(value);
    });
  }

  it('a malformed known event names the offending fields', async () => {
    const body = JSON.stringify(payload({ id: 42, tags: 'vip' }));
    const error = await rejection(verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, options()));
    expect(error.reason).toBe('malformed');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['id', 'tags']);
  });

  it('a parsed object instead of the raw body is refused: it cannot be verified', async () => {
    const event = payload();
    const error = await rejection(verifyWebhook(event as never, { 'x-ghl-signature': signEd25519(JSON.stringify(event)) }, options()));
    expect(error.reason).toBe('malformed');
    expect(error.message).toContain('raw');
  });

  it('a signature header sent twice is not guessed at', async () => {
    const body = JSON.stringify(payload());
    const signature = signEd25519(body);
    expect((await rejection(verifyWebhook(body, { 'x-ghl-signature': [signature, signature] }, options()))).reason).toBe('bad-signature');
    const headers = new Headers();
    headers.append('x-ghl-signature', signature);
    headers.append('x-ghl-signature', signature);
    expect((await rejection(verifyWebhook(body, headers, options()))).reason).toBe('bad-signature');
  });

  it('the default replay store is shared by every call in the process', async () => {
    const body = JSON.stringify(payload());
    const headers = { 'x-ghl-signature': signEd25519(body) };
    const shared = { publicKeys: testPublicKeys(), now: () => NOW };
    await verifyWebhook(body, headers, shared);
    expect((await rejection(verifyWebhook(body, headers, shared))).reason).toBe('replayed');
  });

  it('claims a webhookId only for an event that passed every other check, for as long as it stays fresh', async () => {
    const claims: Array<[string, number]> = [];
    const replayStore: WebhookReplayStore = { claim: async (id, ttlMs) => (claims.push([id, ttlMs]), true), release: async () => undefined };
    for (const attack of attacks().filter((a) => a.reason !== 'replayed')) {
      await verifyWebhook(attack.body, attack.headers, options({ ...attack.options, replayStore })).catch(() => undefined);
    }
    expect(claims).toEqual([]);
    const body = JSON.stringify(payload({ webhookId: 'wh-ttl', timestamp: new Date(NOW - 60_000).toISOString() }));
    await verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, options({ replayStore }));
    expect(claims).toEqual([['wh-ttl', 240_000]]);
  });

  it('a failing replay store fails the verification (a GHLError, not an accepted event)', async () => {
    const body = JSON.stringify(payload());
    const replayStore: WebhookReplayStore = { claim: async () => Promise.reject(new Error('store down')), release: async () => undefined };
    const error = await verifyWebhook(body, { 'x-ghl-signature': signEd25519(body) }, options({ replayStore })).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GHLError);
    expect(error).not.toBeInstanceOf(GHLWebhookError);
    expect((error as Error).message).toContain('store down');
  });
});

describe('verifyWebhook: options', () => {
  it('refuses bad options with a GHLConfigError naming them', async () => {
    const body = '{}';
    const cases: Array<[VerifyWebhookOptions, RegExp]> = [
      [{ toleranceMs: 0 }, /toleranceMs/],
      [{ toleranceMs: Number.NaN }, /toleranceMs/],
      [{ acceptLegacy: 'no' as never }, /acceptLegacy/],
      [{ now: 5 as never }, /now/],
      [{ appId: '' }, /appId/],
      [{ replayStore: {} as never }, /replayStore/],
      [{ publicKeys: { ed25519: 'not a key' } }, /publicKeys\.ed25519 is not/],
      [{ publicKeys: { ed25519: ['MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=', 'AAAA'] } }, /publicKeys\.ed25519\[1\]/],
      [{ publicKeys: { rsa: testKeys().ed25519.pem } }, /publicKeys\.rsa is not an RSA/],
      [{ publicKeys: { ed25519: testKeys().rsa.pem } }, /publicKeys\.ed25519 is not an Ed25519/],
      [{ publicKeys: { rsa: [] } }, /publicKeys\.rsa must be/],
    ];
    for (const [bad, message] of cases) {
      const error = await verifyWebhook(body, {}, bad).catch((thrown: unknown) => thrown);
      expect(error, String(message)).toBeInstanceOf(GHLConfigError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('has no option that skips a check', async () => {
    const body = JSON.stringify(payload());
    const lax = { skipVerification: true, verify: false, insecure: true, dangerouslySkipSignatureCheck: true } as VerifyWebhookOptions;
    expect((await rejection(verifyWebhook(body, {}, { ...options(), ...lax }))).reason).toBe('missing-signature');
  });
});
