import { collectBody, streamChunks, type CollectedBody } from './body.js';
import { handleNodeRequest, type NodeWebhookRequest, type NodeWebhookResponse } from './node.js';
import { WebhookProcessor, type WebhookHandlerOptions, type WebhookResult } from './processor.js';
import type { WebhookHeaders } from './signature.js';
import type { RawWebhookBody } from './verify.js';

/**
 * A webhook endpoint. Call it with a Fetch `Request` (Hono, Next.js route handlers, Workers, Bun,
 * Deno); use `.node` for Node's `(req, res)` (plain `http`, Express with `express.raw()`).
 *
 * Answers: 200 after your handlers resolved (also for a duplicate `webhookId`, without calling them
 * again, and for an INSTALL kept pending); 401 when the signature, timestamp or app do not check
 * out; 400 for a malformed event; 413 for a body over `maxBodyBytes`; 500 when a handler threw (GHL
 * retries).
 */
export interface WebhookHandler {
  (request: Request): Promise<Response>;
  /** The same endpoint for Node's `(req, res)`; reads the raw body itself unless `express.raw()` did. */
  node(request: NodeWebhookRequest, response: NodeWebhookResponse): Promise<void>;
  /** The framework-free core: the raw body and headers in, the status and JSON body to send out. */
  handle(rawBody: RawWebhookBody, headers: WebhookHeaders): Promise<WebhookResult>;
  /**
   * Call after the OAuth code exchange saved tokens under `key` (`ghl.oauth.exchangeCode` returns it:
   * the location id, or `company:<companyId>` for an agency install): an INSTALL that arrived before
   * them is delivered to your handlers now. Resolves true when one was delivered. A handler error is
   * thrown here, and the INSTALL stays pending.
   */
  tokensSaved(key: string): Promise<boolean>;
  /** Store keys (location ids, or `company:<companyId>`) whose INSTALL is waiting for tokens. */
  pendingInstalls(): string[];
}

/**
 * A verified, fail-closed webhook endpoint.
 *
 * @example
 * const webhooks = createWebhookHandler({
 *   tokenStore: ghl.tokenStore,
 *   on: { ContactCreate: (event) => sync(event.id) },
 * });
 * app.post('/webhooks/ghl', (c) => webhooks(c.req.raw)); // Hono
 * app.post('/webhooks/ghl', express.raw({ type: 'application/json' }), webhooks.node); // Express
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const processor = new WebhookProcessor(options);

  const handleFetch = async (request: Request): Promise<Response> => {
    const result = await fetchResult(processor, request);
    return Response.json(result.body, { status: result.status, headers: result.status === 405 ? { allow: 'POST' } : {} });
  };

  return Object.assign(handleFetch, {
    node: (request: NodeWebhookRequest, response: NodeWebhookResponse) => handleNodeRequest(processor, request, response),
    handle: (rawBody: RawWebhookBody, headers: WebhookHeaders) => processor.process(rawBody, headers),
    tokensSaved: (locationId: string) => processor.tokensSaved(locationId),
    pendingInstalls: () => processor.pendingInstalls(),
  });
}

async function fetchResult(processor: WebhookProcessor, request: Request): Promise<WebhookResult> {
  if (request.method.toUpperCase() !== 'POST') return { status: 405, body: { ok: false, error: 'method-not-allowed' } };
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > processor.maxBodyBytes) return { status: 413, body: { ok: false, error: 'body-too-large' } };
  let collected: CollectedBody;
  try {
    collected = await collectBody(streamChunks(request.body), processor.maxBodyBytes);
  } catch {
    return { status: 400, body: { ok: false, error: 'unreadable-body' } };
  }
  if ('tooLarge' in collected) return { status: 413, body: { ok: false, error: 'body-too-large' } };
  return processor.process(collected.bytes, request.headers);
}
