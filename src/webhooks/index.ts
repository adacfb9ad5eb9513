/**
 * `ghl-sdk/webhooks`: GHL webhooks verified (Ed25519 `x-ghl-signature`, legacy RSA `x-wh-signature`)
 * over the raw bytes with Web Crypto, fail-closed, typed, and wired to the token store. No Node
 * built-in is imported: the entry runs on Node, Bun, Deno and edge runtimes.
 */
export { verifyWebhook } from './verify.js';
export type { RawWebhookBody } from './verify.js';
export type { VerifyWebhookOptions } from './options.js';
export { createWebhookHandler } from './handler.js';
export type { WebhookHandler } from './handler.js';
export type { WebhookHandlerOptions, WebhookEventHandlers, WebhookResult } from './processor.js';
export type { NodeWebhookRequest, NodeWebhookResponse } from './node.js';
export type { WebhookHeaders } from './signature.js';
export { GHL_WEBHOOK_ED25519_PUBLIC_KEY, GHL_WEBHOOK_RSA_PUBLIC_KEY } from './keys.js';
export type { WebhookPublicKeys, SignatureScheme } from './keys.js';
export { MemoryWebhookReplayStore } from './replay-store.js';
export type { WebhookReplayStore, MemoryWebhookReplayStoreOptions } from './replay-store.js';
export { GHLWebhookError } from './errors.js';
export type { WebhookRejectionReason } from './errors.js';
export { isKnownWebhookEvent, KNOWN_WEBHOOK_EVENT_TYPES } from './events/index.js';
export type * from './events/index.js';
