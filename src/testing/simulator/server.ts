import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GHLSimulatorControl } from './control.js';
import { Delays } from './delays.js';
import { createEngine } from './engine.js';
import type { GHLSimulationOptions } from './options.js';
import type { SimOutcome } from './wire.js';

export interface GHLSimulatorOptions extends GHLSimulationOptions {
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number | undefined;
}

/** A running simulator: the control surface plus where it listens. */
export interface GHLSimulator extends GHLSimulatorControl {
  /** `http://127.0.0.1:PORT`: use it as the SDK's `baseUrl` (API and token endpoint alike). */
  readonly url: string;
  readonly port: number;
  /** Stops listening and destroys every open connection, so tests end at once. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a local GHL on 127.0.0.1: the OAuth token endpoint (rotating single-use refresh tokens),
 * the contacts endpoints, Version and rate-limit enforcement, and fault injection.
 *
 * @example
 * const ghl = await createGHLSimulator();
 * const tokens = ghl.issueTokens();
 * // point the SDK at ghl.url with ghl.clientId / ghl.clientSecret and seed its store with `tokens`
 * await ghl.close();
 */
export async function createGHLSimulator(options: GHLSimulatorOptions = {}): Promise<GHLSimulator> {
  const engine = createEngine(options);
  const delays = new Delays();
  const server = createServer((request, response) => {
    serve(request, response).catch(() => response.destroy());
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const outcome = engine.handle({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: flatten(request.headers), body });
    await delays.wait(outcome.delayMs);
    send(response, outcome);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      delays.cancelAll();
      server.closeAllConnections();
    }));

  return { ...engine.control, url: `http://127.0.0.1:${port}`, port, close };
}

function send(response: ServerResponse, outcome: SimOutcome): void {
  if (response.destroyed) return; // the client gave up (timeout/abort) while we waited
  if (outcome.kind === 'drop') {
    response.socket?.destroy();
    return;
  }
  const { status, headers, body, raw } = outcome.response;
  if (raw) {
    response.writeHead(status, headers);
    response.end(String(body));
    return;
  }
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}
