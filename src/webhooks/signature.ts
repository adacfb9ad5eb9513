import { decodeBase64 } from './base64.js';
import { GHLWebhookError } from './errors.js';
import { algorithmOf, importPublicKey, type KeyRing, type SignatureScheme } from './keys.js';

/** Request headers as any server hands them over: a Fetch `Headers`, or Node's/Express's plain object. */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Where each scheme's signature travels (docs/ghl-api.md §7, §12). */
export const SIGNATURE_HEADERS: Record<SignatureScheme, string> = { ed25519: 'x-ghl-signature', rsa: 'x-wh-signature' };

/**
 * Resolves with the scheme that verified when a signature header present on the request verifies,
 * over exactly `body`, with one of the configured keys; throws `GHLWebhookError` otherwise. There is
 * no other way out of this function: no header, an unreadable header, or no key that verifies all
 * end in the throw at the bottom.
 */
export async function verifySignature(body: Uint8Array<ArrayBuffer>, headers: WebhookHeaders, keys: KeyRing, acceptLegacy: boolean): Promise<SignatureScheme> {
  const schemes: SignatureScheme[] = acceptLegacy ? ['ed25519', 'rsa'] : ['ed25519'];
  const presented: string[] = [];
  for (const scheme of schemes) {
    const header = readHeader(headers, SIGNATURE_HEADERS[scheme]);
    if (header === undefined) continue;
    presented.push(SIGNATURE_HEADERS[scheme]);
    const signature = decodeBase64(header.trim());
    if (signature === undefined) continue;
    for (const der of keys[scheme]) {
      if (await signatureMatches(scheme, der, signature, body)) return scheme;
    }
  }
  if (presented.length === 0) {
    const expected = schemes.map((scheme) => SIGNATURE_HEADERS[scheme]).join(' or ');
    throw new GHLWebhookError('missing-signature', `Webhook rejected: no ${expected} header`);
  }
  throw new GHLWebhookError('bad-signature', `Webhook rejected: ${presented.join(' and ')} does not verify over the raw body with any configured key`);
}

/** Web Crypto's verdict. A signature Web Crypto cannot even process (wrong length) is simply not valid. */
async function signatureMatches(scheme: SignatureScheme, der: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>, body: Uint8Array<ArrayBuffer>): Promise<boolean> {
  const key = await importPublicKey(scheme, der);
  try {
    return await globalThis.crypto.subtle.verify(algorithmOf(scheme), key, signature, body);
  } catch {
    return false;
  }
}

/**
 * One header, case-insensitively. A header sent several times is returned as `''`, which decodes to
 * no signature: which of several signatures GHL meant is not ours to guess.
 */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).has === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (typeof value === 'string') return value;
    return value.length === 1 ? value[0] : '';
  }
  return undefined;
}
