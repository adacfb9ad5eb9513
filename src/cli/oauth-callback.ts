import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GHLError } from '../errors.js';
import { describeError } from '../logger.js';

export interface CallbackOptions<T> {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Path of the redirect URI, e.g. `/oauth/callback`. */
  path: string;
  /** The `state` sent in the authorization URL: a callback without it is ignored. */
  state: string;
  /** Gives up after this long. */
  timeoutMs: number;
  /** Exchanges the code; the browser gets its answer only after this settles (so tokens are saved first). */
  handle: (code: string) => Promise<T>;
  /** Told about callbacks that were refused but did not end the wait (wrong state, no code). */
  onRefused: (reason: string) => void;
}

export interface CallbackServer<T> {
  /** The port actually listened on. */
  port: number;
  /** Settles with `handle`'s value, or rejects (GHL reported an error, the exchange failed, timeout). */
  result: Promise<T>;
}

/**
 * A one-shot HTTP listener on 127.0.0.1 for the OAuth redirect. A callback whose `state` does not
 * match is answered 400 and otherwise ignored: anyone on the machine can hit the port, and a
 * forged request must neither end the flow nor get a code exchanged. The server closes itself
 * once the result is settled.
 */
export async function listenForCallback<T>(options: CallbackOptions<T>): Promise<CallbackServer<T>> {
  let settle!: { resolve: (value: T) => void; reject: (error: unknown) => void };
  const result = new Promise<T>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let busy = false;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== options.path) return answer(response, 404, 'Not found.');
    if (busy) return answer(response, 409, 'The authorization is already being completed.');
    if (url.searchParams.get('state') !== options.state) {
      options.onRefused('a callback with a missing or wrong state was refused');
      return answer(response, 400, 'The state parameter does not match this authorization request: refused.');
    }
    const error = url.searchParams.get('error');
    if (error) {
      busy = true;
      answer(response, 400, `GHL did not authorize the app (${error}).`);
      return settle.reject(new GHLError(`GHL did not authorize the app: ${error}${describeParam(url, 'error_description')}`));
    }
    const code = url.searchParams.get('code');
    if (!code) {
      options.onRefused('a callback without a code was refused');
      return answer(response, 400, 'The callback has no code parameter.');
    }
    busy = true;
    options.handle(code).then(
      (value) => {
        answer(response, 200, 'Connected: ghl-sdk saved the tokens. You can close this tab.');
        settle.resolve(value);
      },
      (failure: unknown) => {
        answer(response, 502, `The code exchange failed: ${describeError(failure)}`);
        settle.reject(failure);
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new GHLError(`Cannot listen on 127.0.0.1:${options.port} for the OAuth callback (${error.code ?? error.message}): pass another --port`, { cause: error })),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const timer = setTimeout(() => settle.reject(new GHLError(`No OAuth callback arrived within ${Math.round(options.timeoutMs / 1000)} s`)), options.timeoutMs);
  const closed = result.finally(() => {
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
  });
  return { port: (server.address() as AddressInfo).port, result: closed };
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  response.end(`${text}\n`);
}

function describeParam(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  return value ? ` (${value})` : '';
}
