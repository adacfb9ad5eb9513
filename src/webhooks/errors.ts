import { GHLError, type ValidationIssue } from '../errors.js';

/**
 * Why a webhook was refused:
 * - `missing-signature`: no `x-ghl-signature` (nor, with `acceptLegacy`, `x-wh-signature`) header;
 * - `bad-signature`: a signature header is there, but no configured key verifies it over the raw bytes;
 * - `stale`: the signed `timestamp` is further from now than `toleranceMs`;
 * - `replayed`: this `webhookId` was already accepted;
 * - `malformed`: the signed body is not JSON, lacks `webhookId`/`timestamp`, or a known event type
 *   does not have its documented shape (`issues` names the fields);
 * - `wrong-app`: the event names another `appId` than the one configured.
 */
export type WebhookRejectionReason = 'missing-signature' | 'bad-signature' | 'stale' | 'replayed' | 'malformed' | 'wrong-app';

/**
 * A webhook that could not be proven to come from GHL, fresh and once, for this app. Nothing of it
 * should be acted on. The message never quotes the body or the signature.
 */
export class GHLWebhookError extends GHLError {
  readonly reason: WebhookRejectionReason;
  /** For `malformed` events: which fields are wrong. Empty otherwise. */
  readonly issues: ValidationIssue[];

  constructor(reason: WebhookRejectionReason, message: string, options?: { cause?: unknown; issues?: ValidationIssue[] | undefined }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GHLWebhookError';
    this.reason = reason;
    this.issues = options?.issues ?? [];
  }
}
