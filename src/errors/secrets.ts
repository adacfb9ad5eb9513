/**
 * Credential masking for every error message, error body and header, and log line (see
 * src/errors/base.ts): patterns for what looks like a credential, and the exact values of every
 * credential the SDK has handled.
 */

// Bearer values, JWT-shaped strings and OAuth form fields: anything that looks like a credential is
// masked, including credentials the SDK never saw (a token a custom store or hook mentions).
const SECRET_PATTERNS: RegExp[] = [
  /(bearer\s+)[^\s"',;]+/gi,
  /((?:access_token|refresh_token|client_secret|code)=)[^&\s"']+/gi,
  /("(?:access_token|refresh_token|client_secret|accessToken|refreshToken|clientSecret)"\s*:\s*")[^"]*/gi,
  /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g,
];

// Patterns cannot recognise a bare credential (a Private Integration Token is not JWT-shaped, a
// client secret is any string), so every credential the SDK handles is also remembered by value and
// masked wherever it appears. Shorter values would mask ordinary words; real credentials are longer.
const MIN_SECRET_LENGTH = 8;
// Bounded: under refreshPolicy 'always' every call rotates the tokens. Values are re-remembered
// each time they are used, so the oldest entries are spent tokens.
const MAX_REMEMBERED_SECRETS = 256;
const knownSecrets = new Set<string>();

/**
 * Remembers credentials (tokens, client secret, authorization code) so every later error message,
 * `cause`, body, header and log line masks them by exact value. Process-wide: masking another
 * client's credential in an error is harmless; printing it is not.
 */
export function rememberSecrets(...values: ReadonlyArray<string | undefined>): void {
  for (const value of values) {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    knownSecrets.delete(value);
    knownSecrets.add(value);
    if (knownSecrets.size > MAX_REMEMBERED_SECRETS) knownSecrets.delete(knownSecrets.values().next().value as string);
  }
}

/** Masks credential-looking substrings and every remembered credential. Used on every error message and log line. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match: string, prefix?: string) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]'));
  }
  return out;
}

/** `redactSecrets` applied to every string nested in `value` (bodies and headers kept on errors). */
export function scrubSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubSecrets(v)]));
  return value;
}
