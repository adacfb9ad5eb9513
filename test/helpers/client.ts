import { GHLClient } from '../../src/client.js';
import type { GHLClientOptions } from '../../src/options.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';

/**
 * A client on location `loc-1` holding the Private Integration Token `at-1` (no refresh, no env),
 * with fast retries: the usual subject of msw-level resource tests.
 */
export function testClient(options: GHLClientOptions = {}): GHLClient {
  return new GHLClient({
    locationId: 'loc-1',
    env: {},
    tokenStore: new MemoryTokenStore({ 'loc-1': { accessToken: 'at-1' } }),
    retry: { retries: 2, minDelayMs: 1 },
    // msw answers carry no window: pacing to GHL's has its own tests (test/rate-limit/).
    rateLimit: false,
    ...options,
  });
}
