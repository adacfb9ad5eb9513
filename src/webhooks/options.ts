import { GHLConfigError } from '../errors.js';
import { resolveKeyRing, type KeyRing, type WebhookPublicKeys } from './keys.js';
import { MemoryWebhookReplayStore, type WebhookReplayStore } from './replay-store.js';

/** How webhooks are verified. Every option narrows what is accepted; none turns a check off. */
export interface VerifyWebhookOptions {
  /**
   * Keys to verify with, per scheme, each PEM or base64 SPKI; a list accepts any of its keys (for
   * rotation). A scheme left out keeps GHL's published key. Tests against the simulator pass
   * `sim.webhookPublicKeys`. @default GHL's Ed25519 and RSA keys
   */
  publicKeys?: WebhookPublicKeys | undefined;
  /**
   * Also accept the legacy RSA `x-wh-signature` header, which GHL stops sending on 1 July 2026
   * (docs/ghl-api.md §7, §12). Set false once your app only needs `x-ghl-signature`. @default true
   */
  acceptLegacy?: boolean | undefined;
  /** How far the signed `timestamp` may be from now, either way, in ms. @default 300_000 (GHL's 5 minutes) */
  toleranceMs?: number | undefined;
  /** The clock (epoch ms) the timestamp is checked against. @default Date.now */
  now?: (() => number) | undefined;
  /**
   * Where accepted `webhookId`s are remembered, to refuse duplicates. Share one across processes
   * (`RedisWebhookReplayStore` from `ghl-sdk/redis`) when several instances receive webhooks.
   * @default one in-memory store per process (per handler for `createWebhookHandler`)
   */
  replayStore?: WebhookReplayStore | undefined;
  /**
   * Your app's id (the part of the client id before the first `-`). When set, an event that names
   * another `appId` is refused (`wrong-app`). App events (INSTALL, UNINSTALL, PLAN_CHANGE) always
   * name one; other events name none and are not affected.
   */
  appId?: string | undefined;
}

/** The defaults, in one place. */
export const WEBHOOK_DEFAULTS = {
  acceptLegacy: true,
  toleranceMs: 5 * 60_000,
} as const;

export interface ResolvedVerifyOptions {
  keys: KeyRing;
  acceptLegacy: boolean;
  toleranceMs: number;
  now: () => number;
  replayStore: WebhookReplayStore;
  appId: string | undefined;
}

/** Checks every option (a mistake is a `GHLConfigError` naming it) and fills in the defaults. */
export function resolveVerifyOptions(options: VerifyWebhookOptions, defaultReplayStore: () => WebhookReplayStore): ResolvedVerifyOptions {
  const { acceptLegacy = WEBHOOK_DEFAULTS.acceptLegacy, toleranceMs = WEBHOOK_DEFAULTS.toleranceMs, now = Date.now, replayStore, appId } = options;
  if (typeof acceptLegacy !== 'boolean') throw new GHLConfigError('acceptLegacy must be true or false');
  if (typeof toleranceMs !== 'number' || !Number.isFinite(toleranceMs) || toleranceMs <= 0) {
    throw new GHLConfigError(`toleranceMs must be a positive number of milliseconds (got ${String(toleranceMs)})`);
  }
  if (typeof now !== 'function') throw new GHLConfigError('now must be a function returning epoch milliseconds');
  if (replayStore !== undefined && (typeof replayStore?.claim !== 'function' || typeof replayStore.release !== 'function')) {
    throw new GHLConfigError('replayStore must have claim(webhookId, ttlMs) and release(webhookId)');
  }
  if (appId !== undefined && (typeof appId !== 'string' || appId.trim() === '')) throw new GHLConfigError('appId must be a non-empty string');
  return { keys: resolveKeyRing(options.publicKeys), acceptLegacy, toleranceMs, now, replayStore: replayStore ?? defaultReplayStore(), appId };
}

let processReplayStore: WebhookReplayStore | undefined;

/** The replay store `verifyWebhook` uses when given none: one per process, so calls share it. */
export function processWideReplayStore(): WebhookReplayStore {
  return (processReplayStore ??= new MemoryWebhookReplayStore());
}
