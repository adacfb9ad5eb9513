import { http, HttpResponse, type JsonBodyType } from 'msw';
import { server } from '../msw.js';

/** What a resource sent, as an msw handler saw it. */
export interface Captured {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** An answer: a bare JSON value (200), `{ status, body }`, or `'drop'` (a network error). */
export type Reply = JsonBodyType | { status: number; body?: JsonBodyType } | 'drop';

export const GHL_BASE = 'https://services.leadconnectorhq.com';

/**
 * Registers one msw handler for `method path` (msw syntax, `:param`) on GHL's base URL that records
 * every request and answers with `replies` in order (the last one repeats).
 */
export function recordedRoute(method: 'get' | 'post' | 'put' | 'delete', path: string, ...replies: Reply[]): Captured[] {
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
