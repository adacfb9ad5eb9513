import type { GHLCompanyClient } from '../../src/agency/company-client.js';
import type { GHLCompanyClientOptions } from '../../src/agency/types.js';
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

/**
 * A company client of agency `co-1` holding the agency token `at-co` (no refresh, no env), with fast
 * retries: the subject of msw-level tests of agency operations.
 */
export function testCompanyClient(options: GHLCompanyClientOptions = {}): GHLCompanyClient {
  return GHLClient.forCompany({
    companyId: 'co-1',
    clientId: 'app1-client',
    env: {},
    tokenStore: new MemoryTokenStore({ 'company:co-1': { accessToken: 'at-co' } }),
    retry: { retries: 2, minDelayMs: 1 },
    rateLimit: false,
    ...options,
  });
}
