import { createHash } from 'node:crypto';

/**
 * A short name for a token, to show it changing without showing it: 8 hex digits of its SHA-256.
 * Not a prefix of the token, so it reveals nothing usable.
 */
export function fingerprint(token: string | undefined): string {
  return token ? `#${createHash('sha256').update(token).digest('hex').slice(0, 8)}` : '(none)';
}
