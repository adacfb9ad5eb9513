import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { forgerWebhookKeys, simulatorWebhookKeys, type WebhookSignatureScheme } from './webhook-keys.js';

/**
 * The simulator's webhook sender: it signs events the way GHL does (Ed25519 in `x-ghl-signature`,
 * RSA-SHA256 in the legacy `x-wh-signature`, both over the exact body bytes; `webhookId` and an ISO
 * `timestamp` in every payload; docs/ghl-api.md §7, §12) and POSTs them, to one URL on demand or
 * to every subscribed URL when the simulator's state changes.
 */

/** One way a delivery can misbehave, to prove a receiver refuses it. */
export type GHLWebhookFaultKind =
  /** The same signed request is sent twice, concurrently (same `webhookId`, same bytes). */
  | 'duplicate'
  /** Correctly signed, but the `timestamp` is `staleByMs` old. */
  | 'staleTimestamp'
  /** The signatures are GHL-shaped but one bit is flipped. */
  | 'badSignature'
  /** Signed with a key pair nobody trusts: a forgery. */
  | 'wrongKey'
  /** No signature header at all. */
  | 'missingSignature';

export interface GHLWebhookFault {
  kind: GHLWebhookFaultKind;
  /** How many deliveries it hits, in order; `Infinity` for all. @default 1 */
  times?: number | undefined;
  /** For `staleTimestamp`: how old the timestamp is, in ms. @default 600_000 */
  staleByMs?: number | undefined;
}

/** An event to send; `webhookId` and `timestamp` are filled in unless given. */
export interface SimulatedWebhookEvent {
  type: string;
  [field: string]: unknown;
}

export interface DeliverWebhookOptions {
  /** Misbehave for this delivery only; queued faults are left alone. */
  fault?: GHLWebhookFaultKind | Omit<GHLWebhookFault, 'times'> | undefined;
  /** Signature headers to send. @default ['ed25519', 'rsa'] (GHL sends both until 1 July 2026) */
  signatures?: readonly WebhookSignatureScheme[] | undefined;
}

export interface GHLWebhookDelivery {
  url: string;
  type: string;
  webhookId: string;
  fault: GHLWebhookFaultKind | undefined;
  /** The body exactly as sent (and signed). */
  body: string;
  /** One HTTP status per request sent (two for `duplicate`); 0 when no answer came (connection refused…). */
  statuses: number[];
}

/** `sim.webhooks`: the app's webhook URL, as GHL would call it. */
export interface GHLSimulatorWebhooks {
  /**
   * Registers `url` as a webhook URL of the app: from now on every event the simulator emits goes
   * there (ContactCreate/ContactUpdate/ContactTagUpdate/ContactDelete when contacts change through
   * the API or `contacts.seed`, INSTALL on `issueTokens`/`issueAuthorizationCode`, UNINSTALL on
   * `uninstall`). Emitted deliveries run in the background: await `settled()`. Returns the unsubscribe.
   */
  subscribe(url: string): () => void;
  /** Signs `event` with the simulator's key and POSTs it to `url` (throws a TypeError on a non-http URL). */
  deliver(url: string, event: SimulatedWebhookEvent, options?: DeliverWebhookOptions): Promise<GHLWebhookDelivery>;
  /** Queues a fault for the next emitted or delivered webhooks (FIFO, one per delivery). */
  injectFault(fault: GHLWebhookFault): void;
  clearFaults(): void;
  /** Resolves once every delivery started so far has been answered (or failed). */
  settled(): Promise<void>;
  /** The latest deliveries (up to 10,000), oldest first. */
  readonly deliveries: readonly GHLWebhookDelivery[];
}

const SIGNATURE_HEADERS: Record<WebhookSignatureScheme, string> = { ed25519: 'x-ghl-signature', rsa: 'x-wh-signature' };
const DEFAULT_SIGNATURES: readonly WebhookSignatureScheme[] = ['ed25519', 'rsa'];
const DEFAULT_STALE_BY_MS = 10 * 60_000;
const KEPT_DELIVERIES = 10_000;
const FAULT_KINDS: readonly GHLWebhookFaultKind[] = ['duplicate', 'staleTimestamp', 'badSignature', 'wrongKey', 'missingSignature'];

/** What the simulator's areas get to send webhooks with (`AreaContext.webhooks`). */
export interface WebhookEmitter {
  /** Sends `event` to every subscribed URL in the background (`sim.webhooks.settled()` awaits it). */
  emit(event: SimulatedWebhookEvent): void;
}

export class WebhookSender implements WebhookEmitter {
  private readonly urls = new Set<string>();
  private faults: Array<{ fault: GHLWebhookFault; remaining: number }> = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly log: GHLWebhookDelivery[] = [];

  constructor(private readonly now: () => number) {}

  /** Sends `event` to every subscribed URL in the background. */
  emit(event: SimulatedWebhookEvent): void {
    for (const url of this.urls) {
      const delivery = this.send(url, event, this.takeFault(), DEFAULT_SIGNATURES);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  control(): GHLSimulatorWebhooks {
    const log = this.log;
    return {
      subscribe: (url) => {
        requireHttpUrl(url);
        this.urls.add(url);
        return () => void this.urls.delete(url);
      },
      deliver: (url, event, options = {}) => {
        requireHttpUrl(url);
        if (typeof event?.type !== 'string') throw new TypeError('event.type must be a string');
        const fault = typeof options.fault === 'string' ? { kind: options.fault } : options.fault;
        if (fault !== undefined) checkFault(fault);
        return this.send(url, event, fault, options.signatures ?? DEFAULT_SIGNATURES);
      },
      injectFault: (fault) => {
        checkFault(fault);
        const times = fault.times ?? 1;
        if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) throw new TypeError(`fault.times must be a positive integer or Infinity, got ${times}`);
        this.faults.push({ fault, remaining: times });
      },
      clearFaults: () => {
        this.faults = [];
      },
      settled: async () => {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      },
      get deliveries() {
        return [...log];
      },
    };
  }

  private takeFault(): GHLWebhookFault | undefined {
    const entry = this.faults[0];
    if (!entry) return undefined;
    if (--entry.remaining <= 0) this.faults.shift();
    return entry.fault;
  }

  private async send(url: string, event: SimulatedWebhookEvent, fault: Omit<GHLWebhookFault, 'times'> | undefined, signatures: readonly WebhookSignatureScheme[]): Promise<GHLWebhookDelivery> {
    const now = this.now();
    const sentAt = fault?.kind === 'staleTimestamp' ? now - (fault.staleByMs ?? DEFAULT_STALE_BY_MS) : now;
    const payload = { ...event, webhookId: typeof event['webhookId'] === 'string' ? event['webhookId'] : randomUUID(), timestamp: new Date(sentAt).toISOString() };
    if (fault?.kind !== 'staleTimestamp' && typeof event['timestamp'] === 'string') payload.timestamp = event['timestamp'];
    const body = JSON.stringify(payload);
    const headers = { 'content-type': 'application/json', ...signatureHeaders(Buffer.from(body), fault?.kind, signatures) };
    const copies = fault?.kind === 'duplicate' ? 2 : 1;
    const statuses = await Promise.all(Array.from({ length: copies }, () => post(url, body, headers)));
    const delivery: GHLWebhookDelivery = { url, type: event.type, webhookId: payload.webhookId, fault: fault?.kind, body, statuses };
    this.log.push(delivery);
    if (this.log.length > KEPT_DELIVERIES) this.log.shift();
    return delivery;
  }
}

function signatureHeaders(body: Uint8Array, fault: GHLWebhookFaultKind | undefined, schemes: readonly WebhookSignatureScheme[]): Record<string, string> {
  if (fault === 'missingSignature') return {};
  const keys = fault === 'wrongKey' ? forgerWebhookKeys() : simulatorWebhookKeys();
  const headers: Record<string, string> = {};
  for (const scheme of schemes) {
    const signature = keys.sign(scheme, body);
    headers[SIGNATURE_HEADERS[scheme]] = fault === 'badSignature' ? flipOneBit(signature) : signature;
  }
  return headers;
}

function flipOneBit(signature: string): string {
  const bytes = Buffer.from(signature, 'base64');
  bytes[bytes.length >> 1]! ^= 0x01;
  return bytes.toString('base64');
}

/**
 * POSTs with node:http (several times faster than fetch per request, which counts when a test sends
 * a thousand webhooks) and reads the answer to its end; 0 when none came.
 */
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const outgoing = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', () => resolve(0));
    });
    outgoing.on('error', () => resolve(0));
    outgoing.end(body);
  });
}

function requireHttpUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`Webhook URL must be an http(s) URL, got "${String(url)}"`);
}

function checkFault(fault: Omit<GHLWebhookFault, 'times'>): void {
  if (!FAULT_KINDS.includes(fault?.kind)) throw new TypeError(`fault.kind must be one of ${FAULT_KINDS.join(', ')}, got "${String(fault?.kind)}"`);
  if (fault.staleByMs !== undefined && !(fault.staleByMs > 0)) throw new TypeError(`fault.staleByMs must be > 0, got ${fault.staleByMs}`);
}
