/** `GHLApiError` and its subclass per status, made from a response by `createApiError` (openai-node style). */
import { brand, GHLError, type GHLErrorOptions } from './base.js';
import { scrubSecrets } from './secrets.js';

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
