/**
 * The SDK's error hierarchy. Every error thrown by ghl-sdk is a `GHLError`; no fetch, undici or
 * ioredis error escapes except as a sanitised `cause` (a library's own classes would not be
 * `instanceof`-equal across the ESM and CJS builds anyway — docs/architecture.md "Toolchain traps" 4).
 *
 * `name` comes from each class's brand (below), so it survives minification and realm boundaries.
 * No error carries an access token, refresh token or client secret: every message goes through
 * `redactSecrets` (patterns, and the exact value of every credential the SDK has handled), every
 * `cause` that is not ours is kept as a credential-free copy, and bodies, headers and `traceId`
 * kept on errors are scrubbed the same way.
 */
import { redactSecrets, scrubSecrets } from './secrets.js';

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
