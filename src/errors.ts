/**
 * The SDK's error hierarchy. Every error thrown by ghl-sdk is a `GHLError`; no fetch, undici or
 * ioredis error escapes except as a sanitised `cause` (a library's own classes would not be
 * `instanceof`-equal across the ESM and CJS builds anyway — toolchain.md gotcha 5).
 *
 * `name` comes from each class's brand (below), so it survives minification and realm boundaries.
 * No error carries an access token, refresh token or client secret: every message goes through
 * `redactSecrets` (patterns, and the exact value of every credential the SDK has handled), every
 * `cause` that is not ours is kept as a credential-free copy, and bodies, headers and `traceId`
 * kept on errors are scrubbed the same way.
 */

export interface GHLErrorOptions {
  cause?: unknown;
}

/**
 * The key under which every error class brands its prototype with its name. `Symbol.for` is shared
 * by every copy of ghl-sdk in a process: the ESM and the CJS build (an app that `import`s the SDK
 * while a dependency `require`s it), or two installed versions.
 */
const ERROR_CLASS: unique symbol = Symbol.for('ghl-sdk.error-class') as never;

type Branded = { [ERROR_CLASS]?: string };

/** @internal Brands an error class for `instanceof` across copies of the package (see GHLError). */
export function brand(errorClass: abstract new (...args: never[]) => GHLError, name: string): void {
  Object.defineProperty(errorClass.prototype, ERROR_CLASS, { value: name });
}

function ownBrand(prototype: unknown): string | undefined {
  if (prototype === null || typeof prototype !== 'object' || !Object.hasOwn(prototype, ERROR_CLASS)) return undefined;
  return (prototype as Branded)[ERROR_CLASS];
}

export class GHLError extends Error {
  static {
    brand(this, 'GHLError');
  }

  /**
   * `err instanceof GHLNotFoundError` holds for errors from any copy of ghl-sdk, not only this one
   * (the dual-package hazard): besides the ordinary prototype check, it looks for the class's brand
   * along the error's prototype chain. Subclasses you write yourself keep the ordinary check.
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, instance)) return true;
    const wanted = ownBrand(this.prototype);
    if (wanted === undefined || instance === null || typeof instance !== 'object') return false;
    for (let prototype: unknown = Object.getPrototypeOf(instance); prototype !== null; prototype = Object.getPrototypeOf(prototype)) {
      if (ownBrand(prototype) === wanted) return true;
    }
    return false;
  }

  constructor(message: string, options?: GHLErrorOptions) {
    super(redactSecrets(message), options?.cause === undefined ? undefined : { cause: credentialFreeCopy(options.cause) });
    // The nearest brand: the class's own name for ours, the SDK class it extends for a user's subclass.
    this.name = (new.target.prototype as Branded)[ERROR_CLASS] ?? 'GHLError';
  }
}

/** The client is missing settings or they are malformed. `missing` lists every absent variable/option. */
export class GHLConfigError extends GHLError {
  static {
    brand(this, 'GHLConfigError');
  }

  readonly missing: string[];
  constructor(message: string, options?: GHLErrorOptions & { missing?: string[] }) {
    super(message, options);
    this.missing = options?.missing ?? [];
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `email` or `customFields.0.id`. */
  path: string;
  message: string;
}

/** Input rejected before anything was sent. `issues[].path` names each offending field. */
export class GHLValidationError extends GHLError {
  static {
    brand(this, 'GHLValidationError');
  }

  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[], options?: GHLErrorOptions) {
    super(message, options);
    this.issues = issues;
  }
}

/**
 * The refresh token was rejected (`invalid_grant`, 400 or 401 from the token endpoint), or there is
 * no refresh token at all. Nothing can recover this automatically: someone must re-run the OAuth flow.
 */
export class GHLReauthRequiredError extends GHLError {
  static {
    brand(this, 'GHLReauthRequiredError');
  }
}

/** The request never produced an HTTP response (DNS, refused, reset, aborted). */
export class GHLConnectionError extends GHLError {
  static {
    brand(this, 'GHLConnectionError');
  }
}

/**
 * One attempt took longer than `timeoutMs` (the per-attempt timeout: each retry gets its own).
 * The caller's own deadline (`AbortSignal.timeout()`) is a `GHLAbortError` instead.
 */
export class GHLTimeoutError extends GHLConnectionError {
  static {
    brand(this, 'GHLTimeoutError');
  }
}

/**
 * The caller aborted the call through its `signal` (including `AbortSignal.timeout()`): nothing
 * failed on GHL's side or on the network. `cause` is the signal's reason.
 */
export class GHLAbortError extends GHLError {
  static {
    brand(this, 'GHLAbortError');
  }
}

/** What a token store was doing when it failed. */
export type TokenStoreOperation = 'get' | 'set' | 'delete' | 'lock' | 'connect';

/**
 * A token store failed: it could not be reached, answered with an error, threw, or holds something
 * that is not a token set; or its cross-process lock could not be taken in time. Every store failure
 * (built-in or custom) surfaces as this class, with the original (credential-free) error as `cause`.
 * The message names the store, the operation and the key (a location or company key, not a secret),
 * never a token.
 */
export class GHLTokenStoreError extends GHLError {
  static {
    brand(this, 'GHLTokenStoreError');
  }

  /** The store operation that failed. */
  readonly operation: TokenStoreOperation;
  /** The store key involved (for Redis: the full Redis key), when there is one. */
  readonly key: string | undefined;

  constructor(message: string, init: { operation: TokenStoreOperation; key?: string | undefined; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.operation = init.operation;
    this.key = init.key;
  }
}

/** GHL answered 2xx, but the body is not what GHL documents. */
export class GHLResponseError extends GHLError {
  static {
    brand(this, 'GHLResponseError');
  }

  /** The body (or an excerpt of it), credentials masked. */
  readonly body: unknown;
  constructor(message: string, body: unknown, options?: GHLErrorOptions) {
    super(message, options);
    this.body = scrubSecrets(body);
  }
}

export interface GHLApiErrorInit {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  method: string;
  path: string;
}

/** GHL answered with a non-2xx status. Subclasses per status are made by `createApiError`. */
export class GHLApiError extends GHLError {
  static {
    brand(this, 'GHLApiError');
  }

  readonly status: number;
  /** The parsed response body (JSON when GHL sent JSON, else text), credentials masked. */
  readonly body: unknown;
  /** GHL's `traceId` (body or header) — quote it to GHL support. */
  readonly traceId: string | undefined;
  /** Response headers, lower-cased names, credentials masked (GHL may echo what it was sent). */
  readonly headers: Record<string, string>;
  readonly method: string;
  readonly path: string;

  constructor(message: string, init: GHLApiErrorInit, options?: GHLErrorOptions) {
    super(message, options);
    this.status = init.status;
    this.body = scrubSecrets(init.body);
    this.headers = scrubSecrets(init.headers) as Record<string, string>;
    this.method = init.method;
    this.path = init.path;
    this.traceId = readTraceId(this.body, this.headers);
  }
}

export class GHLBadRequestError extends GHLApiError {
  static {
    brand(this, 'GHLBadRequestError');
  }
}

/**
 * `POST /contacts/` on a location that does not allow duplicates answers 400 with
 * `meta.contactId` (ghl-api.md §3.7; observed, not in the spec).
 */
export class GHLDuplicateContactError extends GHLBadRequestError {
  static {
    brand(this, 'GHLDuplicateContactError');
  }

  readonly existingContactId: string;
  /** Which field matched (`email` / `phone`), when GHL says. */
  readonly matchingField: string | undefined;
  constructor(message: string, init: GHLApiErrorInit & { existingContactId: string; matchingField?: string | undefined }, options?: GHLErrorOptions) {
    super(message, init, options);
    this.existingContactId = init.existingContactId;
    this.matchingField = init.matchingField;
  }
}

export class GHLAuthenticationError extends GHLApiError {
  static {
    brand(this, 'GHLAuthenticationError');
  }
}

/**
 * A 401 whose body says the token lacks a scope ("The token is not authorized for this scope.",
 * observed; docs/ghl-api.md §5): no refresh fixes it, the app or integration must be granted the scope
 * and the location re-authorized. `scope` is the scope GHL named, else the one the operation declares
 * in spec/ (the SDK's resources say which they need); undefined when neither is known.
 */
export class GHLScopeError extends GHLAuthenticationError {
  static {
    brand(this, 'GHLScopeError');
  }

  readonly scope: string | undefined;
  constructor(message: string, init: GHLApiErrorInit & { scope?: string | undefined }, options?: GHLErrorOptions) {
    super(message, init, options);
    this.scope = init.scope;
  }

  /** The same error naming `scope`, for a caller that knows which scope the operation needs. */
  withScope(scope: string): GHLScopeError {
    if (this.scope !== undefined) return this;
    const init = { status: this.status, body: this.body, headers: this.headers, method: this.method, path: this.path, scope };
    return new GHLScopeError(`${this.message} (this operation needs the ${scope} scope)`, init, this.cause === undefined ? undefined : { cause: this.cause });
  }
}

export class GHLForbiddenError extends GHLApiError {
  static {
    brand(this, 'GHLForbiddenError');
  }
}

export class GHLNotFoundError extends GHLApiError {
  static {
    brand(this, 'GHLNotFoundError');
  }
}

export class GHLUnprocessableError extends GHLApiError {
  static {
    brand(this, 'GHLUnprocessableError');
  }
}

export class GHLRateLimitError extends GHLApiError {
  static {
    brand(this, 'GHLRateLimitError');
  }

  /** How long GHL asked us to wait (Retry-After, else the rate-limit interval), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: GHLApiErrorInit & { retryAfterMs?: number | undefined }, options?: GHLErrorOptions) {
    super(message, init, options);
    this.retryAfterMs = init.retryAfterMs;
  }
}

export class GHLServerError extends GHLApiError {
  static {
    brand(this, 'GHLServerError');
  }
}

/** GHL's `message` may be a string or (422) a string array; normalise to one line. */
export function describeGhlMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const message = record['message'] ?? record['error_description'] ?? record['error'];
  if (Array.isArray(message)) return message.map(String).join('; ');
  if (typeof message === 'string') return message;
  return undefined;
}

/** One factory maps every non-2xx response to its class (openai-node style). */
export function createApiError(init: GHLApiErrorInit & { retryAfterMs?: number | undefined; note?: string | undefined }, options?: GHLErrorOptions): GHLApiError {
  const detail = describeGhlMessage(scrubSecrets(init.body));
  // `note`: what the transport adds (e.g. that a create was not replayed), after GHL's own words.
  const message = `GHL ${init.method} ${init.path} failed with ${init.status}${detail ? `: ${detail}` : ''}${init.note ?? ''}`;
  const { status } = init;
  if (status === 400) {
    const meta = readRecord(readRecord(init.body)?.['meta']);
    const contactId = meta?.['contactId'];
    if (typeof contactId === 'string' && contactId) {
      const matchingField = typeof meta?.['matchingField'] === 'string' ? (meta['matchingField'] as string) : undefined;
      return new GHLDuplicateContactError(message, { ...init, existingContactId: contactId, matchingField }, options);
    }
    return new GHLBadRequestError(message, init, options);
  }
  if (status === 401) {
    const scope = deniedScope(init.body);
    if (scope === undefined) return new GHLAuthenticationError(message, init, options);
    return new GHLScopeError(scope.name ? `${message} (missing scope: ${scope.name})` : message, { ...init, scope: scope.name }, options);
  }
  if (status === 403) return new GHLForbiddenError(message, init, options);
  if (status === 404) return new GHLNotFoundError(message, init, options);
  if (status === 422) return new GHLUnprocessableError(message, init, options);
  if (status === 429) return new GHLRateLimitError(message, init, options);
  if (status >= 500) return new GHLServerError(message, init, options);
  return new GHLApiError(message, init, options);
}

// GHL's observed wording for a token without the operation's scope (docs/ghl-api.md §5).
const SCOPE_DENIED = /not authori[sz]ed for (?:this|the) scope/i;
// A scope name as GHL writes them: `users.readonly`, `locations/customFields.write`.
const SCOPE_NAME = /\b([a-z][\w-]*(?:\/[\w-]+)*\.(?:readonly|write)(?:\.[\w-]+)?)\b/i;

/** Whether a 401 body is a scope denial and, if GHL named it (in `scope` or the message), which scope. */
function deniedScope(body: unknown): { name: string | undefined } | undefined {
  const message = describeGhlMessage(body);
  if (message === undefined || !SCOPE_DENIED.test(message)) return undefined;
  const field = readRecord(body)?.['scope'];
  if (typeof field === 'string' && field.trim() !== '') return { name: field.trim() };
  return { name: SCOPE_NAME.exec(message)?.[1] };
}

function readRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readTraceId(body: unknown, headers: Record<string, string>): string | undefined {
  const fromBody = readRecord(body)?.['traceId'];
  if (typeof fromBody === 'string') return fromBody;
  return headers['x-trace-id'] ?? headers['traceid'] ?? headers['x-request-id'];
}

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

/** The first string `code` along an error's `cause` chain (fetch wraps socket errors, our stores wrap fs errors). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * A copy of a third-party error fit to keep as `cause`: name, redacted message, code and stack
 * frames, and the same for its own cause, nothing else. Library errors carry what must never be
 * printed with them: the `Request` with its Authorization header (fetch wrappers), the command
 * arguments holding the tokens (ioredis reply errors), a token quoted by a custom store or hook.
 * Every `GHLError` keeps its `cause` this way; our own errors are clean already and kept as they are.
 */
export function credentialFreeCopy(error: unknown, depth = 1): Error {
  if (error instanceof GHLError) return error;
  const copy = new Error(redactSecrets(error instanceof Error ? error.message : String(error)));
  if (!(error instanceof Error)) return copy;
  if (error.name !== copy.name) copy.name = error.name;
  // The frames, for debugging; the first lines of a stack repeat the (unredacted) message.
  const frames = error.stack?.split('\n').filter((line) => line.startsWith('    at '));
  if (frames?.length) copy.stack = [`${copy.name}: ${copy.message}`, ...frames].join('\n');
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
  if (depth > 0 && error.cause !== undefined) Object.assign(copy, { cause: credentialFreeCopy(error.cause, depth - 1) });
  return copy;
}

