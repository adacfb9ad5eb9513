import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GHLConfigError } from '../../src/errors.js';
import { resolveKeyRing } from '../../src/webhooks/keys.js';
import { GHL_WEBHOOK_ED25519_PUBLIC_KEY, GHL_WEBHOOK_RSA_PUBLIC_KEY } from '../../src/webhooks/index.js';
import { testKeys } from './signer.js';

const sha256 = (value: string | Uint8Array) => createHash('sha256').update(value).digest('hex');

describe('webhook public keys', () => {
  it('GHL’s RSA key is the PEM of GHL’s WebhookAuthentication page, byte for byte (4096-bit, SHA-256 of the text)', () => {
    // SHA-256 of the PEM block's lines as published (each ending in a newline) and of its DER, taken from
    // GHL's WebhookAuthentication page, linked in docs/ghl-api.md §7
    expect(sha256(`${GHL_WEBHOOK_RSA_PUBLIC_KEY}\n`)).toBe('1155f70c468992df8664106baec6d0576dd5eaf2322b97d8ba36fe11d1c0d068');
    expect(GHL_WEBHOOK_RSA_PUBLIC_KEY.split('\n')).toHaveLength(14);
    const [der] = resolveKeyRing(undefined).rsa;
    expect(sha256(der!)).toBe('2f62045d413b1b7747e26770ce7f57840cbf86288cd20ceb90d299a62501fd25');
  });

  it('GHL’s Ed25519 key is a valid Ed25519 SPKI that Web Crypto imports', async () => {
    const [der] = resolveKeyRing(undefined).ed25519;
    expect(der).toHaveLength(44);
    const key = await crypto.subtle.importKey('spki', der!, { name: 'Ed25519' }, false, ['verify']);
    expect(key.algorithm.name).toBe('Ed25519');
    expect(Buffer.from(der!).toString('base64')).toBe(GHL_WEBHOOK_ED25519_PUBLIC_KEY);
  });

  it('the RSA default imports into Web Crypto as RSASSA-PKCS1-v1_5 / SHA-256 (4096 bits)', async () => {
    const [der] = resolveKeyRing(undefined).rsa;
    const key = await crypto.subtle.importKey('spki', der!, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(4096);
  });

  it('takes Ed25519 keys as PEM, base64 SPKI, raw 32 bytes in base64 or hex: all the same key', () => {
    const { pem, spki } = testKeys().ed25519;
    const raw = Buffer.from(spki, 'base64').subarray(12);
    const forms = [pem, spki, raw.toString('base64'), raw.toString('hex'), `\n  ${pem}\n`];
    const ders = forms.map((form) => Buffer.from(resolveKeyRing({ ed25519: form }).ed25519[0]!).toString('base64'));
    expect(new Set(ders)).toEqual(new Set([spki]));
  });

  it('a scheme left out keeps GHL’s key; a list keeps every key in order', () => {
    const ring = resolveKeyRing({ ed25519: [testKeys().ed25519.spki, GHL_WEBHOOK_ED25519_PUBLIC_KEY] });
    expect(ring.ed25519.map((der) => Buffer.from(der).toString('base64'))).toEqual([testKeys().ed25519.spki, GHL_WEBHOOK_ED25519_PUBLIC_KEY]);
    expect(ring.rsa).toEqual(resolveKeyRing(undefined).rsa);
  });

  it('refuses what is not a public key of the scheme, naming the option', () => {
    const bad: Array<[Parameters<typeof resolveKeyRing>[0], string]> = [
      [{ ed25519: '-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----' }, 'publicKeys.ed25519'],
      [{ rsa: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }, 'publicKeys.rsa'],
      [{ rsa: 'bm90IGEga2V5' }, 'publicKeys.rsa'],
      [{ ed25519: 42 as never }, 'publicKeys.ed25519'],
      [{ ed25519: [testKeys().ed25519.spki, 'zz'] }, 'publicKeys.ed25519[1]'],
    ];
    for (const [keys, name] of bad) {
      expect(() => resolveKeyRing(keys), name).toThrow(GHLConfigError);
      expect(() => resolveKeyRing(keys), name).toThrow(name);
    }
  });
});
