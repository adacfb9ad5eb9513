import type { FetchLike } from '../../options.js';
import type { HttpEvent } from './events.js';

export interface WireTotals {
  /** Requests other than the token endpoint. */
  apiCalls: number;
  tokenRequests: number;
  /** Token-endpoint answers with `error: invalid_grant`: a refresh token spent twice or lost. */
  invalidGrants: number;
  /** API answers with 401 (each one should be followed by one refresh and one replay). */
  unauthorized: number;
}

const TOKEN_PATH = /\/oauth\/token$/;

/**
 * A fetch that counts and reports what the SDK sends, the same way against the simulator and
 * against real GHL, so the demo's figures come from the wire rather than from the SDK's own word.
 */
export class WireTap {
  readonly totals: WireTotals = { apiCalls: 0, tokenRequests: 0, invalidGrants: 0, unauthorized: 0 };
  private readonly onEvent: (event: HttpEvent) => void;

  constructor(onEvent: (event: HttpEvent) => void) {
    this.onEvent = onEvent;
  }

  readonly fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const method = (request?.method ?? init?.method ?? 'GET').toUpperCase();
    const path = new URL(request?.url ?? String(input)).pathname;
    const isToken = TOKEN_PATH.test(path);
    if (isToken) this.totals.tokenRequests++;
    else this.totals.apiCalls++;
    let response: Response;
    try {
      // Looked up per request, like the SDK's own default (msw patches globalThis.fetch late).
      response = await globalThis.fetch(input, init);
    } catch (error) {
      this.onEvent({ kind: 'http', method, path, status: 0 });
      throw error;
    }
    if (response.status === 401 && !isToken) this.totals.unauthorized++;
    if (isToken && !response.ok && (await errorCode(response)) === 'invalid_grant') this.totals.invalidGrants++;
    this.onEvent({ kind: 'http', method, path, status: response.status });
    return response;
  };
}

async function errorCode(response: Response): Promise<unknown> {
  try {
    return ((await response.clone().json()) as { error?: unknown }).error;
  } catch {
    return undefined;
  }
}
