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
export function createApiError(init: GHLApiErrorInit & { retryAfterMs?: number | undefined }, options?: GHLErrorOptions): GHLApiError {
  const detail = describeGhlMessage(scrubSecrets(init.body));
  const message = `GHL ${init.method} ${init.path} failed with ${init.status}${detail ? `: ${detail}` : ''}`;
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
  if (status === 401) return new GHLAuthenticationError(message, init, options);
  if (status === 403) return new GHLForbiddenError(message, init, options);
  if (status === 404) return new GHLNotFoundError(message, init, options);
  if (status === 422) return new GHLUnprocessableError(message, init, options);
  if (status === 429) return new GHLRateLimitError(message, init, options);
  if (status >= 500) return new GHLServerError(message, init, options);
  return new GHLApiError(message, init, options);
}

function readRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readTraceId(body: unknown, headers: Record<string, string>): string | undefined {
  const fromBody = readRecord(body)?.['traceId'];
  if (typeof fromBody === 'string') return fromBody;
  return headers['x-trace-id'] ?? headers['traceid'] ?? headers['x-request-id'];
}
