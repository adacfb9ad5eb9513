import { collectBody, type CollectedBody } from './body.js';
import type { WebhookProcessor, WebhookResult } from './processor.js';

/**
 * The parts of a Node `IncomingMessage` the handler reads, described structurally so that plain
 * `http`, Express, Fastify's raw request and test doubles all fit, and so the types need no @types/node.
 */
export interface NodeWebhookRequest extends AsyncIterable<unknown> {
  method?: string | undefined;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Set by body parsers: `express.raw()` leaves the bytes here (a Buffer), `express.text()` a string. */
  body?: unknown;
  /** Node's flag: true once the body stream was consumed (by a body parser). */
  readableEnded?: boolean | undefined;
}

/** The parts of a Node `ServerResponse` the handler writes. */
export interface NodeWebhookResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk: string): unknown;
}

/** Answers one Node request: reads the raw body itself (or takes `express.raw()`'s bytes), verifies, acts. */
export async function handleNodeRequest(processor: WebhookProcessor, request: NodeWebhookRequest, response: NodeWebhookResponse): Promise<void> {
  const result = await nodeResult(processor, request);
  response.statusCode = result.status;
  if (result.status === 405) response.setHeader('allow', 'POST');
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(result.body));
}

async function nodeResult(processor: WebhookProcessor, request: NodeWebhookRequest): Promise<WebhookResult> {
  if (request.method !== undefined && request.method.toUpperCase() !== 'POST') return { status: 405, body: { ok: false, error: 'method-not-allowed' } };
  const parsed = request.body;
  let collected: CollectedBody;
  if (typeof parsed === 'string') {
    collected = { bytes: new TextEncoder().encode(parsed) };
  } else if (ArrayBuffer.isView(parsed)) {
    collected = parsed.byteLength > processor.maxBodyBytes ? { tooLarge: true } : { bytes: new Uint8Array(parsed.buffer, parsed.byteOffset, parsed.byteLength).slice() };
  } else if (parsed !== undefined && parsed !== null && request.readableEnded !== false) {
    // A JSON parser got here first: the bytes GHL signed are gone, and re-serialising would verify
    // something else. Fail closed with a 500 (GHL retries) and say how to fix the route.
    processor.logger.error(
      'GHL webhook not verified: the request body was already parsed (express.json()?). Mount express.raw({ type: "application/json" }) on this route, or register it before the JSON parser.',
    );
    return { status: 500, body: { ok: false, error: 'internal-error' } };
  } else {
    try {
      collected = await collectBody(request, processor.maxBodyBytes);
    } catch {
      return { status: 400, body: { ok: false, error: 'unreadable-body' } };
    }
  }
  if ('tooLarge' in collected) return { status: 413, body: { ok: false, error: 'body-too-large' } };
  return processor.process(collected.bytes, request.headers);
}
