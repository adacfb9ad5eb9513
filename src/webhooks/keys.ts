import { GHLConfigError } from '../errors.js';
import { decodeBase64 } from './base64.js';

/**
 * GHL's webhook public keys and the parsing of user-supplied ones. Keys are checked when the options
 * are read (a typo fails at startup with `GHLConfigError`, naming the option) and imported into Web
 * Crypto once per process.
 */

/**
 * GHL's Ed25519 key for `x-ghl-signature` (SPKI, base64), as GHL's webhook integration guide
 * publishes it (https://marketplace.gohighlevel.com/docs/webhook/WebhookIntegrationGuide; see
 * docs/ghl-api.md §7, §12).
 */
export const GHL_WEBHOOK_ED25519_PUBLIC_KEY = 'MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=';

/**
 * GHL's RSA key for the legacy `x-wh-signature` (RSASSA-PKCS1-v1_5, SHA-256), copied byte for byte
 * from GHL's webhook authentication page in its public API docs repository (docs/ghl-api.md §7 links
 * it, at the commit it was copied from).
 */
export const GHL_WEBHOOK_RSA_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----`;

/** The two signature schemes GHL has used: `x-ghl-signature` (Ed25519) and legacy `x-wh-signature` (RSA). */
export type SignatureScheme = 'ed25519' | 'rsa';

/** Public keys to verify with, per scheme. Each key is PEM (`-----BEGIN PUBLIC KEY-----`) or base64 SPKI. */
export interface WebhookPublicKeys {
  /**
   * Keys for `x-ghl-signature`. A list accepts a signature made with any of them (for key rotation);
   * a raw 32-byte key in base64 or hex is accepted too. @default GHL's published Ed25519 key
   */
  ed25519?: string | readonly string[] | undefined;
  /** Keys for the legacy `x-wh-signature`; a list accepts any of them. @default GHL's published RSA key */
  rsa?: string | readonly string[] | undefined;
}

/** Validated keys as DER (SPKI) bytes, per scheme. */
export type KeyRing = Record<SignatureScheme, Array<Uint8Array<ArrayBuffer>>>;

// An Ed25519 SubjectPublicKeyInfo is this 12-byte header followed by the 32-byte key (RFC 8410).
const ED25519_SPKI_HEADER = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
// The rsaEncryption algorithm identifier (OID 1.2.840.113549.1.1.1), present in every RSA SPKI.
const RSA_ENCRYPTION_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

const DEFAULT_KEYS: Record<SignatureScheme, string> = { ed25519: GHL_WEBHOOK_ED25519_PUBLIC_KEY, rsa: GHL_WEBHOOK_RSA_PUBLIC_KEY };

/** Each scheme's keys, or GHL's own where none are given; throws `GHLConfigError` naming a bad key. */
export function resolveKeyRing(keys: WebhookPublicKeys | undefined): KeyRing {
  const ring = (scheme: SignatureScheme): Array<Uint8Array<ArrayBuffer>> => {
    const given = keys?.[scheme] ?? DEFAULT_KEYS[scheme];
    const list: readonly unknown[] = typeof given === 'string' ? [given] : given;
    if (!Array.isArray(list) || list.length === 0) throw new GHLConfigError(`publicKeys.${scheme} must be a key or a non-empty list of keys`);
    return list.map((key, index) => parseKey(scheme, key, typeof given === 'string' ? `publicKeys.${scheme}` : `publicKeys.${scheme}[${index}]`));
  };
  return { ed25519: ring('ed25519'), rsa: ring('rsa') };
}

function parseKey(scheme: SignatureScheme, key: unknown, name: string): Uint8Array<ArrayBuffer> {
  const text = typeof key === 'string' ? key.trim() : '';
  const pem = /^-----BEGIN PUBLIC KEY-----([\s\S]*)-----END PUBLIC KEY-----$/.exec(text);
  let der = pem ? decodeBase64(pem[1]!.replace(/\s+/g, '')) : decodeBase64(text);
  if (scheme === 'ed25519' && !pem) {
    if (/^[0-9a-f]{64}$/i.test(text)) der = Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
    if (der?.length === 32) der = Uint8Array.from([...ED25519_SPKI_HEADER, ...der]);
  }
  const valid = der !== undefined && (scheme === 'ed25519' ? startsWith(der, ED25519_SPKI_HEADER) && der.length === 44 : der[0] === 0x30 && contains(der, RSA_ENCRYPTION_OID));
  if (der === undefined || !valid) {
    const expected = scheme === 'ed25519' ? 'an Ed25519 public key (PEM, base64 SPKI, or the raw 32 bytes as base64/hex)' : 'an RSA public key (PEM "BEGIN PUBLIC KEY" or base64 SPKI)';
    throw new GHLConfigError(`${name} is not ${expected}`);
  }
  return der;
}

const ALGORITHMS: Record<SignatureScheme, RsaHashedImportParams | Algorithm> = {
  ed25519: { name: 'Ed25519' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
};

/** The Web Crypto algorithm of each scheme, for `crypto.subtle.verify`. */
export function algorithmOf(scheme: SignatureScheme): Algorithm {
  return ALGORITHMS[scheme];
}

// Imported keys, per scheme and DER bytes: importing is the slow part of a verification.
const imported = new Map<string, Promise<CryptoKey>>();

/** The Web Crypto key for `der`; rejects with `GHLConfigError` when Web Crypto refuses it. */
export function importPublicKey(scheme: SignatureScheme, der: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const cacheKey = `${scheme}:${Array.from(der, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  let key = imported.get(cacheKey);
  if (!key) {
    key = globalThis.crypto.subtle.importKey('spki', der, ALGORITHMS[scheme], false, ['verify']).catch((error: unknown) => {
      imported.delete(cacheKey);
      throw new GHLConfigError(`publicKeys.${scheme}: Web Crypto cannot import this key (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    });
    imported.set(cacheKey, key);
  }
  return key;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let start = 0; start + needle.length <= bytes.length; start++) {
    for (let i = 0; i < needle.length; i++) if (bytes[start + i] !== needle[i]) continue outer;
    return true;
  }
  return false;
}
