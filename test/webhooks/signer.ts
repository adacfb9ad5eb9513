import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/**
 * Test keys and signing with node:crypto (the SDK verifies with Web Crypto: two implementations
 * that must agree). One pair per scheme per test process; a second Ed25519 pair plays the forger.
 */
export interface TestKeys {
  ed25519: { privateKey: KeyObject; pem: string; spki: string };
  rsa: { privateKey: KeyObject; pem: string; spki: string };
}

function makeKeys(): TestKeys {
  const ed = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const describe = (pair: { publicKey: KeyObject; privateKey: KeyObject }) => ({
    privateKey: pair.privateKey,
    pem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    spki: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  });
  return { ed25519: describe(ed), rsa: describe(rsa) };
}

let keys: TestKeys | undefined;
let forger: TestKeys | undefined;
export const testKeys = (): TestKeys => (keys ??= makeKeys());
export const forgerKeys = (): TestKeys => (forger ??= makeKeys());

/** `publicKeys` for the SDK: the test pair, PEM for Ed25519 and base64 SPKI for RSA (both formats covered). */
export const testPublicKeys = () => ({ ed25519: testKeys().ed25519.pem, rsa: testKeys().rsa.spki });

export function signEd25519(body: string | Uint8Array, with_: TestKeys = testKeys()): string {
  return sign(null, typeof body === 'string' ? Buffer.from(body) : body, with_.ed25519.privateKey).toString('base64');
}

export function signRsa(body: string | Uint8Array, with_: TestKeys = testKeys()): string {
  return sign('sha256', typeof body === 'string' ? Buffer.from(body) : body, with_.rsa.privateKey).toString('base64');
}

/** A ContactCreate payload as GHL sends it, fresh, with a new webhookId. */
export function contactCreatePayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'ContactCreate', locationId: 'loc-1', id: 'contact-1', email: 'ada@example.com', webhookId: randomUUID(), timestamp: new Date().toISOString(), ...overrides };
}

/** The payload as raw JSON plus its Ed25519 signature header. */
export function signedRequest(payload: Record<string, unknown> = contactCreatePayload(), options: { space?: number } = {}) {
  const body = JSON.stringify(payload, null, options.space);
  return { body, headers: { 'content-type': 'application/json', 'x-ghl-signature': signEd25519(body) } as Record<string, string> };
}
