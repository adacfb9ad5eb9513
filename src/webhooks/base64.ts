/**
 * Strict base64 (RFC 4648 §4, padding optional) without Node's `Buffer`, so the webhooks entry runs
 * on any runtime with `atob`. Anything else (whitespace, base64url, stray characters) is refused:
 * a signature or key that is not clean base64 is not GHL's.
 */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** The bytes, or undefined when `text` is empty or not base64. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text === '' || !BASE64.test(text)) return undefined;
  const binary = atob(text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4)));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
