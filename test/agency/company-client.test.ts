import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GHLCompanyClient } from '../../src/agency/company-client.js';
import { companyKey } from '../../src/agency/keys.js';
import { GHLClient } from '../../src/client.js';
import { GHLConfigError, GHLReauthRequiredError, GHLValidationError } from '../../src/errors.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { agencySetup } from './helpers.js';

describe('company.api and the token class of each operation', () => {
  it('sends agency operations with the company token', async () => {
    const { sim, company } = await agencySetup({ locations: 2 });
    const page = await company.api.get('/oauth/installedLocations', { query: { companyId: sim.companyId, appId: sim.appId } });
    expect(page.locations).toHaveLength(2);
    expect(sim.stats.unauthorized).toBe(0);
  });

  it('refuses a location-only operation on the company client, naming the location client; nothing is sent', async () => {
    const { sim, company } = await agencySetup();
    const error = await company.api.get('/contacts/{contactId}', { path: { contactId: 'c-1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as Error).message).toMatch(/company\.location\(locationId\)\.api/);
    expect(sim.stats.apiRequests).toBe(0);
  });

  it('refuses an Agency-Access-Only operation on a location client, naming the company client; nothing is sent', async () => {
    const { sim, company, locationIds } = await agencySetup();
    const location = company.location(locationIds[0]!);
    const error = await location.api.get('/oauth/installedLocations', { query: { companyId: sim.companyId, appId: sim.appId } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as Error).message).toMatch(/GHLClient\.forCompany/);
    expect(sim.stats.apiRequests).toBe(0);
    expect(sim.stats.locationTokenMints).toEqual({});
  });

  it('the simulator enforces the route’s security: a location token on an agency route is a 401', async () => {
    const { sim } = await agencySetup();
    const location = sim.issueTokens();
    const response = await fetch(`${sim.url}/oauth/installedLocations?companyId=${sim.companyId}&appId=${sim.appId}`, {
      headers: { Authorization: `Bearer ${location.accessToken}`, Version: '2021-07-28' },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(/authClass/);
  });
});

describe('company.installedLocations()', () => {
  it('pages through every location (skip/limit), filtered by install state and name', async () => {
    const { sim, company } = await agencySetup({ locations: 230 });
    sim.agency.addLocations([{ name: 'Uninstalled Dental', installed: false }]);
    const all: string[] = [];
    for await (const location of company.installedLocations({ pageSize: 100 })) all.push(location.id);
    expect(all).toHaveLength(231);
    expect(sim.stats.byRoute['GET /oauth/installedLocations']).toBe(3);
    const installed = [];
    for await (const location of company.installedLocations({ isInstalled: true })) installed.push(location);
    expect(installed).toHaveLength(230);
    expect(installed.every((location) => location.isInstalled === true && typeof location.name === 'string')).toBe(true);
    const named = [];
    for await (const location of company.installedLocations({ query: 'dental' })) named.push(location.name);
    expect(named).toEqual(['Uninstalled Dental']);
  });

  it('invalid parameters are a GHLValidationError naming the field, nothing sent', async () => {
    const { sim, company } = await agencySetup();
    expect(() => company.installedLocations({ pageSize: 0 })).toThrow(GHLValidationError);
    expect(() => company.installedLocations({ bogus: 1 } as never)).toThrow(/bogus/);
    expect(sim.stats.apiRequests).toBe(0);
  });
});

describe('company.locations.search()', () => {
  it('searches the agency’s locations with the company token', async () => {
    const { sim, company } = await agencySetup({ locations: 3 });
    sim.agency.addLocations([{ name: 'Mail', email: 'desk@example.com' }]);
    expect(await company.locations.search({ limit: 2 })).toHaveLength(2);
    const found = await company.locations.search({ email: 'desk@example.com' });
    expect(found.map((location) => location.name)).toEqual(['Mail']);
    await expect(company.locations.search({ limit: 500 })).rejects.toThrow(/limit/);
  });
});

describe('company.provision()', () => {
  it('mints and stores a token for every installed location, with progress and a per-location failure report', async () => {
    const store = new MemoryTokenStore();
    const { sim, company, locationIds } = await agencySetup({ locations: 30, store });
    sim.agency.addLocations([{ installed: false }]);
    await company.location(locationIds[0]!).tokens.getAccessToken(); // one already has a token
    sim.injectFault({ route: 'POST /oauth/locationToken', kind: 'status', status: 422 });
    const progress: number[] = [];
    const report = await company.provision({ concurrency: 4, onProgress: (p) => progress.push(p.done) });
    expect(report.total).toBe(30);
    expect(report.ok).toHaveLength(29);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.message).toMatch(/422/);
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const id of report.ok) expect((await store.get(id))?.locationId).toBe(id);
    expect(sim.stats.locationTokenMints[locationIds[0]!]).toBe(1); // not minted again
    // A second run mints only the one that failed.
    const again = await company.provision();
    expect(again.failed).toEqual([]);
    // 1 before, 28 (the failed one was refused before minting), 1 on the second run.
    expect(Object.values(sim.stats.locationTokenMints).reduce((a, b) => a + b, 0)).toBe(30);
  });

  it('bad options are a GHLValidationError', async () => {
    const { company } = await agencySetup();
    await expect(company.provision({ concurrency: 0 })).rejects.toBeInstanceOf(GHLValidationError);
  });
});

describe('oauth.exchangeCode with a Company grant', () => {
  it('stores the company token under company:<id> and reports the bulk install', async () => {
    const { sim, locationIds } = await agencySetup({ locations: 3 });
    const store = new MemoryTokenStore();
    const company = GHLClient.forCompany({ companyId: sim.companyId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {}, rateLimit: false });
    const code = sim.agency.bulkInstall({ locationIds });
    const result = await company.oauth.exchangeCode(code);
    expect(result).toMatchObject({ key: companyKey(sim.companyId), companyId: sim.companyId, userType: 'Company', approvedLocations: locationIds, isBulkInstallation: true });
    expect((await store.get(companyKey(sim.companyId)))?.refreshToken).toBe(sim.currentRefreshToken(sim.companyId));
    const report = await company.provision();
    expect(report.ok.sort()).toEqual([...locationIds].sort());
  });

  it('a location client exchanging a Company grant also stores it under company:<id>, never under a location key', async () => {
    const { sim } = await agencySetup({ locations: 1 });
    const store = new MemoryTokenStore();
    const ghl = new GHLClient({ locationId: sim.companyId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {}, userType: 'Company' });
    const result = await ghl.oauth.exchangeCode(sim.issueAuthorizationCode({ userType: 'Company' }));
    expect(result.key).toBe(companyKey(sim.companyId));
    expect(await store.get(sim.companyId)).toBeNull();
  });
});

describe('configuration', () => {
  it('forCompany needs a company id; location ids may not look like company keys', () => {
    expect(() => GHLClient.forCompany({ env: {} })).toThrow(/GHL_COMPANY_ID/);
    expect(() => new GHLClient({ locationId: 'company:abc', env: {}, tokenStore: new MemoryTokenStore() })).toThrow(GHLConfigError);
  });

  it('companyFromEnv names every missing variable; fromEnv points an agency env at it', () => {
    expect(() => GHLClient.companyFromEnv({ GHL_COMPANY_ID: 'co' })).toThrow(/GHL_CLIENT_ID, GHL_CLIENT_SECRET, GHL_REFRESH_TOKEN/);
    expect(() => GHLClient.fromEnv({ GHL_COMPANY_ID: 'co', GHL_CLIENT_ID: 'a', GHL_CLIENT_SECRET: 'b', GHL_REFRESH_TOKEN: 'r' })).toThrow(/companyFromEnv/);
    const company = GHLClient.companyFromEnv({ GHL_COMPANY_ID: 'co', GHL_CLIENT_ID: 'app1-x', GHL_CLIENT_SECRET: 'b', GHL_REFRESH_TOKEN: 'r' });
    expect(company).toBeInstanceOf(GHLCompanyClient);
    expect(company.key).toBe('company:co');
    expect(company.appId).toBe('app1');
  });

  it('companyFromEnv seeds the company key from the env tokens, nothing else', async () => {
    const company = GHLClient.companyFromEnv({ GHL_COMPANY_ID: 'co', GHL_CLIENT_ID: 'a', GHL_CLIENT_SECRET: 'b', GHL_REFRESH_TOKEN: 'r-co' });
    expect((await company.tokenStore.get('company:co'))?.refreshToken).toBe('r-co');
    expect(await company.tokenStore.get('co')).toBeNull();
    expect(await company.status()).toMatchObject({ companyId: 'co', key: 'company:co', hasTokens: true, refreshable: true });
  });

  it('never prints credentials', () => {
    const company = GHLClient.forCompany({ companyId: 'co', clientSecret: 'very-secret-value', env: {} });
    expect(JSON.stringify(company)).toBe('{"companyId":"co"}');
    expect(JSON.stringify({ ...company })).not.toContain('very-secret-value');
  });
});

describe('provision when no location can succeed', () => {
  it('throws the re-authentication error once instead of failing every location', async () => {
    const store = new MemoryTokenStore();
    const { sim, company } = await agencySetup({ locations: 5, store, companyTokenTtlMs: 0 });
    sim.revokeRefreshToken((await store.get(companyKey(sim.companyId)))!.refreshToken!);
    await expect(company.provision({ concurrency: 2 })).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect(sim.stats.locationTokenMints).toEqual({});
  });
});

describe('companyFromEnv token stores', () => {
  it('GHL_TOKEN_FILE: a durable store owning the company key; GHL_ENV_FILE is refused (one token set only)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghl-company-env-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const env = { GHL_COMPANY_ID: 'co', GHL_CLIENT_ID: 'a', GHL_CLIENT_SECRET: 'b', GHL_REFRESH_TOKEN: 'r-co', GHL_TOKEN_FILE: join(dir, 'tokens.json') };
    const company = GHLClient.companyFromEnv(env);
    expect(company.tokenStore).toBeInstanceOf(DurableEnvTokenStore);
    expect((company.tokenStore as DurableEnvTokenStore).locationId).toBe('company:co');
    expect(() => GHLClient.companyFromEnv({ ...env, GHL_ENV_FILE: join(dir, '.env') })).toThrow(/GHL_ENV_FILE holds one token set/);
  });
});
