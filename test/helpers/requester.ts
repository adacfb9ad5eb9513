import { Requester } from '../../src/http/requester.js';
import { Transport, type AuthProvider } from '../../src/http/transport.js';
import { safeLogger } from '../../src/logger.js';
import { DEFAULTS } from '../../src/options.js';

export const TEST_BASE_URL = 'https://services.leadconnectorhq.com';

/**
 * A requester as the client builds one, with a fixed bearer token and fast retries: for testing a
 * resource (or the resource layer) without a whole GHLClient.
 */
export function testRequester(options: { locationId?: string; token?: string; retries?: number } = {}): Requester {
  const token = options.token ?? 'at-1';
  const auth: AuthProvider = { getAccessToken: async () => token, handleUnauthorized: async () => null };
  const transport = new Transport({
    baseUrl: TEST_BASE_URL,
    apiVersion: DEFAULTS.apiVersion,
    timeoutMs: 5_000,
    retry: { retries: options.retries ?? 2, minDelayMs: 1, maxDelayMs: 5 },
    fetch: undefined,
    logger: safeLogger(undefined),
    now: Date.now,
  });
  return new Requester(options.locationId ?? 'loc-1', transport, auth);
}
