import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * The simulator's own webhook signing keys: an Ed25519 pair for `x-ghl-signature` and an RSA pair
 * for the legacy `x-wh-signature` (docs/ghl-api.md §7, §12). Generated on first use and shared by
 * every simulator in the process (RSA generation is the slow part); never written anywhere, so no
 * private key ships with the package. Signing uses node:crypto, independently of the SDK's Web
 * Crypto verifier, so each checks the other.
 */

export type WebhookSignatureScheme = 'ed25519' | 'rsa';

export interface WebhookKeyPair {
  sign(scheme: WebhookSignatureScheme, body: Uint8Array): string;
  /** Ed25519 as base64 SPKI, RSA as PEM: the two formats `verifyWebhook` accepts. */
  readonly publicKeys: { readonly ed25519: string; readonly rsa: string };
}

function generate(): WebhookKeyPair {
  const ed25519 = generateKeyPairSync('ed25519');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeys: Record<WebhookSignatureScheme, KeyObject> = { ed25519: ed25519.privateKey, rsa: rsa.privateKey };
  return {
    // Ed25519 hashes internally (algorithm null); the legacy scheme is RSASSA-PKCS1-v1_5 over SHA-256.
    sign: (scheme, body) => sign(scheme === 'ed25519' ? null : 'sha256', body, privateKeys[scheme]).toString('base64'),
    publicKeys: Object.freeze({
      ed25519: ed25519.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      rsa: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim(),
    }),
  };
}

let simulatorKeys: WebhookKeyPair | undefined;
let forgerKeys: WebhookKeyPair | undefined;

/** The keys every simulator in this process signs with. */
export function simulatorWebhookKeys(): WebhookKeyPair {
  return (simulatorKeys ??= generate());
}

/** A pair nobody trusts: what a forger signs with (the `wrongKey` fault). */
export function forgerWebhookKeys(): WebhookKeyPair {
  return (forgerKeys ??= generate());
}
