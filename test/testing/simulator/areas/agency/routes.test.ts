import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient, tokenRequest, type Reply } from '../../http.js';

let sim: GHLSimulator;
let agency: ReturnType<typeof apiClient>;
beforeEach(async () => {
  sim = await createGHLSimulator({ rateLimit: false });
  agency = apiClient(sim.url, sim.issueTokens({ userType: 'Company' }).accessToken);
});
afterEach(() => sim.close());

async function mint(accessToken: string, fields: Record<string, string>): Promise<Reply> {
  const response = await fetch(`${sim.url}/oauth/locationToken`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, version: '2021-07-28', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}

describe('GET /oauth/installedLocations', () => {
  it('pages with skip/limit (strings, defaults 0/20), counts the matches, filters isInstalled and query', async () => {
    const locations = sim.agency.addLocations(25);
    sim.agency.addLocations([{ name: 'Dental Uptown', installed: false }]);
    const base = `/oauth/installedLocations?companyId=${sim.companyId}&appId=${sim.appId}`;
    const first = await agency('GET', base);
    expect(first.status).toBe(200);
    expect(first.body.locations).toHaveLength(20);
    expect(first.body.count).toBe(26);
    expect(first.body.locations[0]).toEqual({ _id: locations[0]!.id, name: 'Location 1', address: '1 Main St', isInstalled: true, installedAt: expect.any(String) });
    expect((await agency('GET', `${base}&skip=20&limit=20`)).body.locations).toHaveLength(6);
    expect((await agency('GET', `${base}&isInstalled=true`)).body.count).toBe(25);
    expect((await agency('GET', `${base}&query=dental`)).body.locations.map((l: { name: string }) => l.name)).toEqual(['Dental Uptown']);
  });

  it('needs the token’s own company (403), an appId (422) of this app (400); a location token is refused (401)', async () => {
    expect((await agency('GET', `/oauth/installedLocations?companyId=other&appId=${sim.appId}`)).status).toBe(403);
    expect((await agency('GET', `/oauth/installedLocations?companyId=${sim.companyId}`)).status).toBe(422);
    expect((await agency('GET', `/oauth/installedLocations?companyId=${sim.companyId}&appId=nope`)).status).toBe(400);
    const location = apiClient(sim.url, sim.issueTokens().accessToken);
    const refused = await location('GET', `/oauth/installedLocations?companyId=${sim.companyId}&appId=${sim.appId}`);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/authClass/);
  });
});

describe('POST /oauth/locationToken', () => {
  it('mints a location token (no refresh token, per the v2 spec) that the location’s routes accept, counted per location', async () => {
    const [location] = sim.agency.addLocations(1);
    const company = sim.issueTokens({ userType: 'Company' });
    const answer = await mint(company.accessToken, { companyId: sim.companyId, locationId: location!.id });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 86399, locationId: location!.id, userId: expect.any(String) });
    expect(answer.body).not.toHaveProperty('refresh_token');
    expect(sim.stats.locationTokenMints).toEqual({ [location!.id]: 1 });
    const asLocation = apiClient(sim.url, answer.body.access_token);
    expect((await asLocation('POST', '/contacts/search', { locationId: location!.id, pageLimit: 1 })).status).toBe(200);
  });

  it('answers a refresh token too when told GHL does, and that chain refreshes', async () => {
    await sim.close();
    sim = await createGHLSimulator({ rateLimit: false, locationTokenRefreshTokens: true });
    const [location] = sim.agency.addLocations(1);
    const answer = await mint(sim.issueTokens({ userType: 'Company' }).accessToken, { companyId: sim.companyId, locationId: location!.id });
    expect(answer.body.refresh_token).toBe(sim.currentRefreshToken(location!.id));
    const refreshed = await tokenRequest(sim.url, { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'refresh_token', refresh_token: answer.body.refresh_token });
    expect(refreshed.body.locationId).toBe(location!.id);
  });

  it('refuses an unknown location or one without the app (400), another company (403), missing fields (422), a location token (401)', async () => {
    const [installed] = sim.agency.addLocations(1);
    const [outside] = sim.agency.addLocations([{ installed: false }]);
    const company = sim.issueTokens({ userType: 'Company' }).accessToken;
    expect((await mint(company, { companyId: sim.companyId, locationId: 'unknown' })).status).toBe(400);
    expect((await mint(company, { companyId: sim.companyId, locationId: outside!.id })).status).toBe(400);
    expect((await mint(company, { companyId: 'other', locationId: installed!.id })).status).toBe(403);
    expect((await mint(company, { companyId: sim.companyId })).status).toBe(422);
    expect((await mint(sim.issueTokens().accessToken, { companyId: sim.companyId, locationId: installed!.id })).status).toBe(401);
    expect(sim.stats.locationTokenMints).toEqual({});
  });

  it('an uninstalled location’s minted tokens stop working', async () => {
    const [location] = sim.agency.addLocations(1);
    const answer = await mint(sim.issueTokens({ userType: 'Company' }).accessToken, { companyId: sim.companyId, locationId: location!.id });
    sim.agency.setInstalled(location!.id, false);
    const asLocation = apiClient(sim.url, answer.body.access_token);
    expect((await asLocation('POST', '/contacts/search', { locationId: location!.id })).status).toBe(401);
  });
});

describe('GET /locations/search', () => {
  it('an agency token searches its company; a location token sees only itself', async () => {
    const [a, b] = sim.agency.addLocations([{ name: 'A', email: 'a@example.com' }, { name: 'B' }]);
    const all = await agency('GET', `/locations/search?companyId=${sim.companyId}`);
    expect(all.body.locations.map((l: { id: string }) => l.id)).toEqual([a!.id, b!.id]);
    expect((await agency('GET', '/locations/search?order=desc&limit=1')).body.locations.map((l: { id: string }) => l.id)).toEqual([b!.id]);
    expect((await agency('GET', '/locations/search?email=a@example.com')).body.locations).toHaveLength(1);
    const asB = apiClient(sim.url, sim.issueTokens({ locationId: b!.id }).accessToken);
    expect((await asB('GET', '/locations/search')).body.locations.map((l: { id: string }) => l.id)).toEqual([b!.id]);
  });
});

describe('sim.agency.bulkInstall', () => {
  it('installs the locations and issues a Company code whose exchange reports the bulk install', async () => {
    const locations = sim.agency.addLocations([{ installed: false }, { installed: false }]);
    const code = sim.agency.bulkInstall({ installToFutureLocations: true });
    expect(sim.agency.list().every((location) => location.isInstalled)).toBe(true);
    const exchanged = await tokenRequest(sim.url, { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'authorization_code', code, user_type: 'Company' });
    expect(exchanged.body).toMatchObject({
      userType: 'Company',
      companyId: sim.companyId,
      approvedLocations: locations.map((location) => location.id),
      isBulkInstallation: true,
      installToFutureLocations: true,
      approveAllLocations: true,
    });
    expect(exchanged.body).not.toHaveProperty('locationId');
  });
});
