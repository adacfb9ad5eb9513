import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { companyKey } from '../../src/agency/keys.js';
import { GHLBadRequestError } from '../../src/errors.js';
import { FileTokenStore } from '../../src/stores/file.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { agencySetup } from './helpers.js';

async function tempFileStore(): Promise<FileTokenStore> {
  const dir = await mkdtemp(join(tmpdir(), 'ghl-agency-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return new FileTokenStore({ path: join(dir, 'tokens.json') });
}

/** A clock the test moves; the simulator and the client share it. */
function clock(start = Date.now()) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('company.location(id): location tokens minted from the company token', () => {
  it('50 locations × 20 concurrent calls on a store with withLock, the company token expired: 50 mints, 1 company refresh, 1000/1000 ok', async () => {
    const store = await tempFileStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 50, store, companyTokenTtlMs: 0 });
    const calls = locationIds.flatMap((id) => Array.from({ length: 20 }, () => company.location(id).contacts.search({ pageLimit: 1 })));
    const results = await Promise.allSettled(calls);
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(results).toHaveLength(1000);
    expect(Object.keys(sim.stats.locationTokenMints).sort()).toEqual([...locationIds].sort());
    expect(Object.values(sim.stats.locationTokenMints).every((n) => n === 1)).toBe(true);
    expect(sim.stats.refreshGrants).toBe(1);
    expect(sim.stats.invalidGrants).toBe(0);
    for (const id of locationIds) expect(await store.get(id)).toMatchObject({ userType: 'Location', locationId: id, companyId: sim.companyId });
    expect((await store.get(companyKey(sim.companyId)))?.refreshToken).toBe(sim.currentRefreshToken(sim.companyId));
  }, 60_000); // 2-10 s: 50 file-locked writes on a shared 2-core box

  it('a minted token that expires is minted again once under 100 concurrent calls', async () => {
    const time = clock();
    const { sim, company, locationIds } = await agencySetup({ locations: 1, sim: { now: time.now, accessTokenTtlMs: 3_600_000 }, client: { now: time.now } });
    const [id] = locationIds as [string];
    await company.location(id).contacts.search({ pageLimit: 1 });
    expect(sim.stats.locationTokenMints[id]).toBe(1);
    time.advance(3_600_000); // past the location token's expiry (and the company token's)
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => company.location(id).contacts.search({ pageLimit: 1 })));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(sim.stats.locationTokenMints[id]).toBe(2);
    expect(sim.stats.unauthorized).toBe(0);
    expect(sim.stats.refreshGrants).toBe(1); // the company token expired too: refreshed once
  });

  it('a 401 on a minted token mints again and replays the call once, for 20 concurrent calls', async () => {
    const store = new MemoryTokenStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 1, store });
    const [id] = locationIds as [string];
    await company.location(id).contacts.search({ pageLimit: 1 });
    const first = await store.get(id);
    sim.revokeAccessToken(first!.accessToken);
    const apiBefore = sim.stats.apiRequests;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => company.location(id).contacts.search({ pageLimit: 1 })));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(sim.stats.locationTokenMints[id]).toBe(2);
    expect((await store.get(id))?.accessToken).not.toBe(first!.accessToken);
    // 20 calls, each 401 at most once and replayed once; the mint itself is one API request.
    expect(sim.stats.unauthorized).toBeLessThanOrEqual(20);
    expect(sim.stats.apiRequests - apiBefore).toBe(20 + sim.stats.unauthorized + 1);
  });

  it('one call: 401, one mint, one replay', async () => {
    const store = new MemoryTokenStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 1, store });
    const [id] = locationIds as [string];
    await company.location(id).contacts.search({ pageLimit: 1 });
    sim.revokeAccessToken((await store.get(id))!.accessToken);
    sim.resetStats();
    await company.location(id).contacts.search({ pageLimit: 1 });
    expect(sim.stats.unauthorized).toBe(1);
    expect(sim.stats.locationTokenMints[id]).toBe(1);
    expect(sim.stats.byRoute['POST /contacts/search']).toBe(2);
  });

  it('when GHL returns a refresh token with the location token, an expired one is refreshed with it, not minted', async () => {
    const time = clock();
    const store = new MemoryTokenStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 1, store, sim: { now: time.now, locationTokenRefreshTokens: true, accessTokenTtlMs: 3_600_000 }, client: { now: time.now }, companyTokenTtlMs: 86_400_000 });
    const [id] = locationIds as [string];
    await company.location(id).contacts.search({ pageLimit: 1 });
    expect((await store.get(id))?.refreshToken).toBe(sim.currentRefreshToken(id));
    time.advance(3_400_000); // inside the 5-minute refresh skew of the location token (the company's lasts a day)
    await Promise.all(Array.from({ length: 50 }, () => company.location(id).contacts.search({ pageLimit: 1 })));
    expect(sim.stats.locationTokenMints[id]).toBe(1);
    expect(sim.stats.refreshGrants).toBe(1);
    expect((await store.get(id))?.refreshToken).toBe(sim.currentRefreshToken(id));
  });

  it('a location refresh token GHL rejects is replaced by a new mint, not a re-install', async () => {
    const time = clock();
    const store = new MemoryTokenStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 1, store, sim: { now: time.now, locationTokenRefreshTokens: true, accessTokenTtlMs: 3_600_000 }, client: { now: time.now }, companyTokenTtlMs: 86_400_000 });
    const [id] = locationIds as [string];
    await company.location(id).contacts.search({ pageLimit: 1 });
    sim.revokeRefreshToken((await store.get(id))!.refreshToken!);
    time.advance(3_400_000);
    await company.location(id).contacts.search({ pageLimit: 1 });
    expect(sim.stats.invalidGrants).toBe(1);
    expect(sim.stats.locationTokenMints[id]).toBe(2);
    expect((await store.get(id))?.refreshTokenRejectedAt).toBeUndefined();
  });

  it('a location where the app is not installed: the call fails with GHL’s 400 and nothing is stored', async () => {
    const store = new MemoryTokenStore();
    const { sim, company } = await agencySetup({ locations: 1, store });
    const [outside] = sim.agency.addLocations([{ installed: false }]);
    await expect(company.location(outside!.id).contacts.search({ pageLimit: 1 })).rejects.toBeInstanceOf(GHLBadRequestError);
    expect(await store.get(outside!.id)).toBeNull();
    expect(sim.stats.locationTokenMints[outside!.id]).toBeUndefined();
  });

  it('keeps one client per location', async () => {
    const { company, locationIds } = await agencySetup({ locations: 1 });
    expect(company.location(locationIds[0]!)).toBe(company.location(locationIds[0]!));
    expect(() => company.location('')).toThrow(/locationId/);
  });
});

describe('a location client of an agency', () => {
  it('is configured before its first mint; selfTest mints (a forced refresh) and calls', async () => {
    const { sim, company, locationIds } = await agencySetup({ locations: 1 });
    const location = company.location(locationIds[0]!);
    expect(await location.status()).toMatchObject({ configured: true, missing: [], locationId: locationIds[0], refreshable: false });
    const report = await location.selfTest();
    expect(report.steps.map((step) => [step.name, step.ok])).toEqual([['config', true], ['token', true], ['api', true]]);
    expect(sim.stats.locationTokenMints[locationIds[0]!]).toBe(1);
  });
});

describe("refreshPolicy 'always'", () => {
  it('refreshes the company token before every call, but mints a location once', async () => {
    const { sim, company, locationIds } = await agencySetup({ locations: 1, client: { refreshPolicy: 'always' } });
    const location = company.location(locationIds[0]!);
    for (let i = 0; i < 3; i += 1) await location.contacts.search({ pageLimit: 1 });
    expect(sim.stats.locationTokenMints[locationIds[0]!]).toBe(1);
    expect(sim.stats.refreshGrants).toBe(1); // the one mint asked the company token once
  });
});

describe('the company token while minting', () => {
  it('refused (401) while 50 locations mint at once: refreshed once, replayed, 50 mints', async () => {
    const store = new MemoryTokenStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 50, store });
    sim.revokeAccessToken((await store.get(companyKey(sim.companyId)))!.accessToken);
    const results = await Promise.allSettled(locationIds.map((id) => company.location(id).tokens.getAccessToken()));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(sim.stats.refreshGrants).toBe(1);
    expect(Object.values(sim.stats.locationTokenMints)).toEqual(locationIds.map(() => 1));
    expect(sim.stats.invalidGrants).toBe(0);
  });
});
