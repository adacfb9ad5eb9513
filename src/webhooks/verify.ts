import { GHLError } from '../errors.js';
import { GHLWebhookError } from './errors.js';
import { parseWebhookEvent, type GHLWebhookEvent } from './events/index.js';
import type { SignatureScheme } from './keys.js';
import { processWideReplayStore, resolveVerifyOptions, type ResolvedVerifyOptions, type VerifyWebhookOptions } from './options.js';
import { verifySignature, type WebhookHeaders } from './signature.js';

/** The request body exactly as it arrived. A parsed and re-serialised body does not verify. */
export type RawWebhookBody = string | Uint8Array | ArrayBuffer;

/** A webhook that passed every check, with its `webhookId` claimed in the replay store. */
export interface VerifiedWebhook {
  event: GHLWebhookEvent;
  /** Which signature proved it. */
  scheme: SignatureScheme;
  /** Un-claims the `webhookId`, so that GHL's retry is processed after a failure. */
  release(): Promise<void>;
}

/**
 * Verifies a GHL webhook and returns its typed event, or throws `GHLWebhookError` with the `reason`.
 * Fail-closed: the event comes back only when a signature header verifies over the raw bytes with a
 * configured key, the payload is a well-formed event for this app, its timestamp is fresh, and its
 * `webhookId` was not seen before (it is recorded now). Runs on Web Crypto: Node, Bun, Deno, edge.
 *
 * @example
 * const event = await verifyWebhook(await request.text(), request.headers);
 */
export async function verifyWebhook(rawBody: RawWebhookBody, headers: WebhookHeaders, options: VerifyWebhookOptions = {}): Promise<GHLWebhookEvent> {
  const verifier = new WebhookVerifier(resolveVerifyOptions(options, processWideReplayStore));
  return (await verifier.verify(rawBody, headers)).event;
}

/** The checks, in order; each failure is a throw. Shared by `verifyWebhook` and the handlers. */
export class WebhookVerifier {
  constructor(private readonly options: ResolvedVerifyOptions) {}

  async verify(rawBody: RawWebhookBody, headers: WebhookHeaders): Promise<VerifiedWebhook> {
    const body = toBytes(rawBody);
    const scheme = await verifySignature(body, headers, this.options.keys, this.options.acceptLegacy);
    const event = parseWebhookEvent(parseJson(body));
    this.checkApp(event);
    const ttlMs = this.checkFreshness(event);
    const { replayStore } = this.options;
    if (!(await storeCall('claim', () => replayStore.claim(event.webhookId, ttlMs)))) {
      throw new GHLWebhookError('replayed', `Webhook rejected: webhookId ${event.webhookId} was already received`);
    }
    return { event, scheme, release: () => storeCall('release', () => replayStore.release(event.webhookId)) };
  }

  private checkApp(event: GHLWebhookEvent): void {
    const { appId } = this.options;
    const named = (event as { appId?: unknown }).appId;
    if (appId === undefined || named === undefined || named === null) return;
    if (named !== appId) throw new GHLWebhookError('wrong-app', `Webhook rejected: the ${event.type} event is for app ${String(named)}, not ${appId}`);
  }

  /** How long the `webhookId` must be remembered: until its timestamp is no longer fresh. */
  private checkFreshness(event: GHLWebhookEvent): number {
    const { now, toleranceMs } = this.options;
    const sentAt = Date.parse(event.timestamp);
    const offsetMs = now() - sentAt;
    if (Math.abs(offsetMs) > toleranceMs) {
      const direction = offsetMs > 0 ? 'old' : 'in the future';
      throw new GHLWebhookError('stale', `Webhook rejected: its timestamp ${event.timestamp} is ${Math.round(Math.abs(offsetMs) / 1000)} s ${direction} (tolerance ${Math.round(toleranceMs / 1000)} s)`);
    }
    return Math.max(1, toleranceMs - offsetMs);
  }
}

/** The bytes to verify, never a copy that could differ from what arrived. */
function toBytes(rawBody: RawWebhookBody): Uint8Array<ArrayBuffer> {
  if (typeof rawBody === 'string') return new TextEncoder().encode(rawBody);
  if (rawBody instanceof ArrayBuffer) return new Uint8Array(rawBody);
  if (ArrayBuffer.isView(rawBody)) {
    return rawBody.buffer instanceof ArrayBuffer ? new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength) : new Uint8Array(rawBody);
  }
  throw new GHLWebhookError('malformed', 'Webhook rejected: rawBody must be the request body as received (string, Uint8Array or ArrayBuffer); a parsed object cannot be verified');
}

function parseJson(body: Uint8Array<ArrayBuffer>): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    // No cause: JSON.parse's message quotes the body, which may carry a contact's personal data.
    throw new GHLWebhookError('malformed', 'Webhook rejected: the signed body is not UTF-8 JSON');
  }
}

/** A replay store failure is the store's, not the webhook's: a `GHLError` (the handler answers 500). */
async function storeCall<T>(operation: 'claim' | 'release', call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GHLError) throw error;
    throw new GHLError(`Webhook replay store: ${operation} failed (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
