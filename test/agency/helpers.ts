import { onTestFinished } from 'vitest';
import { GHLClient } from '../../src/client.js';
import type { GHLCompanyClient } from '../../src/agency/company-client.js';
import type { GHLCompanyClientOptions } from '../../src/agency/types.js';
import { companyKey } from '../../src/agency/keys.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import type { TokenStore } from '../../src/stores/token-store.js';
import { createGHLSimulator, type GHLSimulator, type GHLSimulatorOptions } from '../../src/testing/index.js';

export interface AgencySetup {
  sim: GHLSimulator;
  company: GHLCompanyClient;
  store: TokenStore;
  locationIds: string[];
}

/**
 * A simulator with an agency of `locations` locations (the app installed in each), the company's
 * tokens in `store` (default memory), and a company client on it, closed when the test ends.
 */
export async function agencySetup(
  options: { locations?: number; sim?: GHLSimulatorOptions; client?: GHLCompanyClientOptions; store?: TokenStore; companyTokenTtlMs?: number } = {},
): Promise<AgencySetup> {
  const sim = await createGHLSimulator({ rateLimit: false, ...options.sim });
  onTestFinished(() => sim.close());
  const locationIds = sim.agency.addLocations(options.locations ?? 3).map((location) => location.id);
  const store = options.store ?? new MemoryTokenStore();
  await store.set(companyKey(sim.companyId), sim.issueTokens({ userType: 'Company', accessTokenTtlMs: options.companyTokenTtlMs }));
  const company = GHLClient.forCompany({
    companyId: sim.companyId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    baseUrl: sim.url,
    tokenStore: store,
    env: {},
    retry: { retries: 3, minDelayMs: 5, maxDelayMs: 100 },
    rateLimit: false,
    ...options.client,
  });
  return { sim, company, store, locationIds };
}
