import { describe, expect, it } from 'vitest';
import { companyKey } from '../../src/agency/keys.js';
import { agencySetup } from './helpers.js';

describe('company.location(id): location tokens minted from the company token', () => {
  it('50 locations × 20 concurrent calls: exactly 50 mints, no company refresh, 1000/1000 ok', async () => {
    const { sim, company, store, locationIds } = await agencySetup({ locations: 50 });
    const calls = locationIds.flatMap((id) => Array.from({ length: 20 }, () => company.location(id).contacts.search({ pageLimit: 1 })));
    const results = await Promise.allSettled(calls);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1000);
    expect(Object.keys(sim.stats.locationTokenMints)).toHaveLength(50);
    expect(Object.values(sim.stats.locationTokenMints).every((n) => n === 1)).toBe(true);
    expect(sim.stats.refreshGrants).toBe(0);
    expect(sim.stats.invalidGrants).toBe(0);
    for (const id of locationIds) expect((await store.get(id))?.locationId).toBe(id);
    expect((await store.get(companyKey(sim.companyId)))?.userType).toBe('Company');
  });
});
