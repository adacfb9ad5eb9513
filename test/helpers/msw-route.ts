import { http, HttpResponse, type JsonBodyType } from 'msw';
import { server } from '../msw.js';

export const GHL_BASE = 'https://services.leadconnectorhq.com';

/** One request as a handler saw it. */
export interface Captured {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** A bare JSON value answers 200; `{ status, body }` answers that; `'drop'` fails the connection. */
export type Reply = JsonBodyType | { status: number; body?: JsonBodyType } | 'drop';

/**
 * Registers `method path` (msw syntax, on GHL's base URL): records each request and answers with
 * `replies` in order, the last one repeating.
 */
export function route(method: 'get' | 'post' | 'put' | 'delete', path: string, ...replies: Reply[]): Captured[] {
  const seen: Captured[] = [];
  server.use(
    http[method](`${GHL_BASE}${path}`, async ({ request }) => {
      const url = new URL(request.url);
      const text = await request.text();
      seen.push({ method: request.method, path: url.pathname, query: url.searchParams, headers: request.headers, body: text === '' ? undefined : JSON.parse(text) });
      const reply = replies[Math.min(seen.length, replies.length) - 1];
      if (reply === 'drop') return HttpResponse.error();
      if (reply !== null && typeof reply === 'object' && !Array.isArray(reply) && typeof (reply as { status?: unknown }).status === 'number') {
        const { status, body } = reply as { status: number; body?: JsonBodyType };
        return body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body, { status });
      }
      return HttpResponse.json(reply as JsonBodyType);
    }),
  );
  return seen;
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}
