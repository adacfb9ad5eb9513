import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler, type GHLWebhookEvent } from '../../src/webhooks/index.js';
import { NOW } from './attacks.js';
import { contactCreatePayload, signEd25519, testPublicKeys } from './signer.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real `node:http` server on loopback; `before` plays a body parser mounted ahead of the handler. */
async function serve(before?: (request: IncomingMessage & { body?: unknown }) => Promise<void>, extra: { maxBodyBytes?: number } = {}) {
  const onEvent = vi.fn<(event: GHLWebhookEvent) => Promise<void>>(async () => undefined);
  const errors: string[] = [];
  const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (line: string) => errors.push(line) };
  const handler = createWebhookHandler({ publicKeys: testPublicKeys(), now: () => NOW, onEvent, logger, ...extra });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      if (before) await before(request);
      await handler.node(request, response);
    })();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/ghl`;
  return { url, onEvent, errors };
}

/** What `express.raw()` does: read the body into a Buffer at `req.body`. */
async function rawParser(request: IncomingMessage & { body?: unknown }): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  request.body = Buffer.concat(chunks);
}

/** What `express.json()` does: parse the body, leaving an object (the signed bytes are gone). */
async function jsonParser(request: IncomingMessage & { body?: unknown }): Promise<void> {
  await rawParser(request);
  request.body = JSON.parse(String(request.body));
}

function signed() {
  const body = JSON.stringify(contactCreatePayload({ timestamp: new Date(NOW).toISOString(), name: 'Zoë' }), null, 2);
  return { body, headers: { 'content-type': 'application/json', 'x-ghl-signature': signEd25519(body) } };
}

describe('createWebhookHandler(...).node', () => {
  it('plain http: reads the raw body itself, 200 and one onEvent; the duplicate 200 and none; a forgery 401', async () => {
    const { url, onEvent } = await serve();
    const { body, headers } = signed();
    const first = await fetch(url, { method: 'POST', body, headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/json');
    expect(await first.json()).toEqual({ ok: true });
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
    expect(onEvent.mock.calls[0]![0]).toMatchObject({ name: 'Zoë' });
    const forged = await fetch(url, { method: 'POST', body: body.replace('Zoë', 'Eve'), headers });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ ok: false, error: 'bad-signature' });
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('behind express.raw(): verifies the Buffer in req.body', async () => {
    const { url, onEvent } = await serve(rawParser);
    const { body, headers } = signed();
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('behind express.text(): verifies the string in req.body', async () => {
    const { url, onEvent } = await serve(async (request) => {
      await rawParser(request);
      request.body = String(request.body);
    });
    const { body, headers } = signed();
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('behind express.json(): refuses with 500 and says how to fix the route (no re-serialising, no onEvent)', async () => {
    const { url, onEvent, errors } = await serve(jsonParser);
    const { body, headers } = signed();
    const response = await fetch(url, { method: 'POST', body, headers });
    expect(response.status).toBe(500);
    expect(onEvent).not.toHaveBeenCalled();
    expect(errors.join('\n')).toMatch(/already parsed.*express\.raw/);
  });

  it('with Express 4’s `{}` placeholder and an unread stream: reads the stream', async () => {
    const { url, onEvent } = await serve(async (request) => {
      request.body = {};
    });
    const { body, headers } = signed();
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(200);
    expect(onEvent).toHaveBeenCalledTimes(1);
  });

  it('405 for GET, 413 over maxBodyBytes (streamed or pre-read)', async () => {
    const { url, onEvent } = await serve(undefined, { maxBodyBytes: 64 });
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const { body, headers } = signed();
    expect((await fetch(url, { method: 'POST', body, headers })).status).toBe(413);
    const preRead = await serve(rawParser, { maxBodyBytes: 64 });
    expect((await fetch(preRead.url, { method: 'POST', body, headers })).status).toBe(413);
    expect(onEvent).not.toHaveBeenCalled();
  });
});
