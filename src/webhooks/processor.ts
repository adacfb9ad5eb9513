import { GHLConfigError } from '../errors.js';
import { describeError, safeLogger, type GHLLogger } from '../logger.js';
import type { TokenStore } from '../stores/token-store.js';
import { GHLWebhookError, type WebhookRejectionReason } from './errors.js';
import { isKnownWebhookEvent, KNOWN_WEBHOOK_EVENT_TYPES, type GHLWebhookEvent, type KnownWebhookEvent, type KnownWebhookEventType, type WebhookEventOf } from './events/index.js';
import { InstallLifecycle } from './installs.js';
import { resolveVerifyOptions, type VerifyWebhookOptions } from './options.js';
import { MemoryWebhookReplayStore } from './replay-store.js';
import type { WebhookHeaders } from './signature.js';
import { WebhookVerifier, type RawWebhookBody, type VerifiedWebhook } from './verify.js';

/** One handler per event type, each typed with its event. */
export type WebhookEventHandlers = {
  [Type in KnownWebhookEventType]?: ((event: WebhookEventOf<Type>) => void | Promise<void>) | undefined;
};

export interface WebhookHandlerOptions extends VerifyWebhookOptions {
  /**
   * Called with every verified event, known type or not, before its `on` handler. Throwing (or
   * rejecting) answers 500, so GHL retries, and the `webhookId` is released for that retry.
   */
  onEvent?: ((event: GHLWebhookEvent) => void | Promise<void>) | undefined;
  /** Handlers per event type, e.g. `{ ContactCreate(event) { … } }`; same error rule as `onEvent`. */
  on?: WebhookEventHandlers | undefined;
  /**
   * Wires INSTALL/UNINSTALL to your tokens (pass the client's: `ghl.tokenStore`). An UNINSTALL deletes
   * that location's tokens before your handlers run. An INSTALL for a location with no tokens yet is
   * kept pending (answered 200, handlers not called) until `handler.tokensSaved(locationId)` is called
   * after the code exchange. Without a store, INSTALL and UNINSTALL just reach your handlers.
   */
  tokenStore?: TokenStore | undefined;
  /** How long a pending INSTALL waits for its tokens before it is dropped (with a warning). @default 3_600_000 */
  pendingInstallTtlMs?: number | undefined;
  /** Larger bodies are refused (413) unread; GHL's events are a few kB. @default 1_048_576 */
  maxBodyBytes?: number | undefined;
  /** Receives rejections (warn), handler failures (error) and the install lifecycle (info); never a token. */
  logger?: GHLLogger | undefined;
}

/** The defaults of the handler, in one place (the verification defaults are in options.ts). */
export const HANDLER_DEFAULTS = {
  pendingInstallTtlMs: 60 * 60_000,
  maxBodyBytes: 1024 * 1024,
} as const;

/** What the HTTP adapters send back: a status and a small JSON body that echoes nothing received. */
export interface WebhookResult {
  status: 200 | 400 | 401 | 405 | 413 | 500;
  body: { ok: true; duplicate?: true; pending?: true } | { ok: false; error: WebhookRejectionReason | 'handler-failed' | 'internal-error' | 'method-not-allowed' | 'body-too-large' | 'unreadable-body' };
}

/**
 * The transport-free core of `createWebhookHandler`: verify, then act. Fail-closed by construction:
 * `process` calls your handlers only with the result of a resolved `verifier.verify`; every thrown
 * verification error becomes a rejection (`reject`), and a duplicate is answered 200 without
 * calling anything.
 */
export class WebhookProcessor {
  readonly maxBodyBytes: number;
  readonly logger: GHLLogger;
  private readonly verifier: WebhookVerifier;
  private readonly installs: InstallLifecycle | undefined;
  private readonly onEvent: WebhookHandlerOptions['onEvent'];
  private readonly on: WebhookEventHandlers;

  constructor(options: WebhookHandlerOptions) {
    const { onEvent, on = {}, tokenStore, pendingInstallTtlMs = HANDLER_DEFAULTS.pendingInstallTtlMs, maxBodyBytes = HANDLER_DEFAULTS.maxBodyBytes } = options;
    if (onEvent === undefined && Object.keys(on).length === 0 && tokenStore === undefined) {
      throw new GHLConfigError('createWebhookHandler needs onEvent, on: { EventType: handler } or tokenStore');
    }
    if (onEvent !== undefined && typeof onEvent !== 'function') throw new GHLConfigError('onEvent must be a function');
    for (const [type, handler] of Object.entries(on)) {
      if (!(KNOWN_WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
        throw new GHLConfigError(`on.${type}: not an event type ghl-sdk models (use onEvent for it); known: ${KNOWN_WEBHOOK_EVENT_TYPES.join(', ')}`);
      }
      if (handler !== undefined && typeof handler !== 'function') throw new GHLConfigError(`on.${type} must be a function`);
    }
    if (tokenStore !== undefined && typeof tokenStore.delete !== 'function') {
      throw new GHLConfigError('tokenStore must implement delete(key): UNINSTALL deletes the location\'s tokens');
    }
    requirePositive(pendingInstallTtlMs, 'pendingInstallTtlMs');
    this.maxBodyBytes = requirePositive(maxBodyBytes, 'maxBodyBytes');
    this.logger = safeLogger(options.logger);
    const verifyOptions = resolveVerifyOptions(options, () => new MemoryWebhookReplayStore({ now: options.now }));
    this.verifier = new WebhookVerifier(verifyOptions);
    this.installs = tokenStore === undefined ? undefined : new InstallLifecycle(tokenStore as TokenStore & { delete(key: string): Promise<void> }, this.logger, pendingInstallTtlMs, verifyOptions.now);
    this.onEvent = onEvent;
    this.on = on;
  }

  /** Verifies `rawBody` against `headers` and, only if that succeeds, runs the handlers. */
  async process(rawBody: RawWebhookBody, headers: WebhookHeaders): Promise<WebhookResult> {
    let verified: VerifiedWebhook;
    try {
      verified = await this.verifier.verify(rawBody, headers);
    } catch (error) {
      return this.reject(error);
    }
    const { event } = verified;
    try {
      return (await this.act(event)) ? { status: 200, body: { ok: true } } : { status: 200, body: { ok: true, pending: true } };
    } catch (error) {
      this.logger.error(`GHL webhook ${event.type} ${event.webhookId}: handler failed, answered 500 so GHL retries (${describeError(error)})`);
      await verified.release().catch((releaseError: unknown) => {
        this.logger.error(`GHL webhook ${event.webhookId}: could not release it for GHL's retry (${describeError(releaseError)})`);
      });
      return { status: 500, body: { ok: false, error: 'handler-failed' } };
    }
  }

  /**
   * Delivers the INSTALL kept pending for `key` (the `key` `oauth.exchangeCode` returns: a location id,
   * or `company:<companyId>`) once its tokens are stored. True when delivered.
   */
  async tokensSaved(key: string): Promise<boolean> {
    const event = await this.installs?.release(key);
    if (event === undefined) return false;
    try {
      await this.deliver(event);
    } catch (error) {
      this.installs?.restore(event);
      throw error;
    }
    return true;
  }

  /** Store keys (location ids, or `company:<companyId>` for an agency) whose INSTALL is waiting for tokens. */
  pendingInstalls(): string[] {
    return this.installs?.pendingKeys() ?? [];
  }

  /** A verification failure as an answer. Nothing here calls a handler. */
  private reject(error: unknown): WebhookResult {
    if (!(error instanceof GHLWebhookError)) {
      this.logger.error(`GHL webhook not verified, answered 500: ${describeError(error)}`);
      return { status: 500, body: { ok: false, error: 'internal-error' } };
    }
    if (error.reason === 'replayed') {
      this.logger.debug(error.message);
      return { status: 200, body: { ok: true, duplicate: true } };
    }
    this.logger.warn(error.message);
    return { status: error.reason === 'malformed' ? 400 : 401, body: { ok: false, error: error.reason } };
  }

  /** Runs the install lifecycle, then the handlers; false when an INSTALL was kept pending. */
  private async act(event: GHLWebhookEvent): Promise<boolean> {
    if (this.installs && isKnownWebhookEvent(event)) {
      if (event.type === 'INSTALL' && !(await this.installs.admit(event))) return false;
      if (event.type === 'UNINSTALL') await this.installs.uninstall(event);
    }
    await this.deliver(event);
    return true;
  }

  private async deliver(event: GHLWebhookEvent): Promise<void> {
    await this.onEvent?.(event);
    if (!isKnownWebhookEvent(event)) return;
    const handler = this.on[event.type] as ((event: KnownWebhookEvent) => void | Promise<void>) | undefined;
    await handler?.(event);
  }
}

function requirePositive(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new GHLConfigError(`${name} must be a positive number (got ${String(value)})`);
  return value;
}
