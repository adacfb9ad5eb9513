import { expect, onTestFinished } from 'vitest';
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

/**
 * The worst case for a key scheme: a location whose id is the company id's text. The company token
 * (refreshed), the location's minted token and a second location's must all survive side by side.
 */
export async function companyAndLocationsApart(makeStore: (companyId: string, seed: object) => Promise<TokenStore>) {
  const sim = await createGHLSimulator({ rateLimit: false, companyId: 'AGENCY1' });
  onTestFinished(() => sim.close());
  const [twin, other] = sim.agency.addLocations([{ id: 'AGENCY1' }, { id: 'loc-2' }]);
  const seed = sim.issueTokens({ userType: 'Company', accessTokenTtlMs: 0 }); // expired: the first mint refreshes it
  const store = await makeStore(sim.companyId, seed);
  const company = GHLClient.forCompany({ companyId: sim.companyId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {}, rateLimit: false });
  await Promise.all([twin!.id, other!.id].map((id) => company.location(id).contacts.search({ pageLimit: 1 })));
  const companyTokens = await store.get(companyKey(sim.companyId));
  const twinTokens = await store.get(twin!.id);
  const otherTokens = await store.get(other!.id);
  expect(companyTokens).toMatchObject({ userType: 'Company', refreshToken: sim.currentRefreshToken(sim.companyId) });
  expect(twinTokens).toMatchObject({ userType: 'Location', locationId: 'AGENCY1' });
  expect(otherTokens).toMatchObject({ userType: 'Location', locationId: 'loc-2' });
  expect(new Set([companyTokens?.accessToken, twinTokens?.accessToken, otherTokens?.accessToken]).size).toBe(3);
  // And again after the company token is refreshed by hand: the locations keep theirs.
  await company.tokens.refresh();
  expect((await store.get(twin!.id))?.accessToken).toBe(twinTokens?.accessToken);
  expect(sim.stats.invalidGrants).toBe(0);
  return { sim, store };
}

