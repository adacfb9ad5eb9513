import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testCompanyClient } from '../helpers/client.js';
import { server } from '../msw.js';
import { expectSpecConformance, recordRequests, specExampleResponses } from '../spec-conformance.js';
import { agencySetup } from './helpers.js';

const BASE = 'https://services.leadconnectorhq.com';

// The agency side held to GHL's own specs (spec/apps/oauth.json, spec/apps/locations.json).

describe('agency requests conform to the specs', () => {
  it('installedLocations, locations.search, the location-token mint and provision: path, Version, query', async () => {
    const recorder = recordRequests();
    const { company, locationIds } = await agencySetup({ locations: 3, client: { fetch: recorder.fetch } });
    for await (const location of company.installedLocations({ isInstalled: true, query: 'Location', pageSize: 2 })) expect(location.id).toBeTruthy();
    await company.locations.search({ email: 'a@example.com', order: 'desc', skip: 0, limit: 5 });
    await company.location(locationIds[0]!).tokens.getAccessToken();
    await company.provision({ concurrency: 2 });
    expect(recorder.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toContain('POST /oauth/locationToken');
    expectSpecConformance(recorder.requests);
  });

  it('the mint is form-encoded with companyId and locationId, Version 2021-07-28, the company token as bearer', async () => {
    const seen: Request[] = [];
    server.use(
      http.post(`${BASE}/oauth/locationToken`, ({ request }) => {
        seen.push(request.clone());
        return HttpResponse.json({ access_token: 'at-location-minted', token_type: 'Bearer', expires_in: 86399, locationId: 'loc-9', userId: 'u-1' });
      }),
      http.post(`${BASE}/contacts/search`, () => HttpResponse.json({ contacts: [], total: 0 })),
    );
    const company = testCompanyClient();
    await company.location('loc-9').contacts.search({ pageLimit: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer at-co');
    expect(seen[0]!.headers.get('version')).toBe('2021-07-28');
    expect(seen[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await seen[0]!.text()).toBe('companyId=co-1&locationId=loc-9');
    expect(await company.location('loc-9').tokens.status()).toMatchObject({ hasTokens: true, refreshable: false, accessTokenValid: true });
  });

  it('a mint answer for another location is a GHLResponseError and nothing is stored', async () => {
    server.use(http.post(`${BASE}/oauth/locationToken`, () => HttpResponse.json({ access_token: 'at-wrong-location', expires_in: 86399, locationId: 'loc-other', userId: 'u' })));
    const company = testCompanyClient();
    await expect(company.location('loc-9').tokens.getAccessToken()).rejects.toThrow(/loc-other/);
    expect(await company.tokenStore.get('loc-9')).toBeNull();
  });

  it("every example answer of the spec parses: installedLocations, locations search, locationToken", async () => {
    for (const [method, template] of [['GET', '/oauth/installedLocations'], ['GET', '/locations/search'], ['POST', '/oauth/locationToken']] as const) {
      for (const { body } of specExampleResponses(method, template)) {
        server.resetHandlers();
        const route = method === 'GET' ? http.get : http.post;
        server.use(route(`${BASE}${template}`, () => HttpResponse.json(body as JsonBodyType)));
        const company = testCompanyClient();
        if (template === '/oauth/installedLocations') {
          const ids = [];
          for await (const location of company.installedLocations()) ids.push(location.id);
          expect(ids.length).toBeGreaterThan(0);
        } else if (template === '/locations/search') {
          expect((await company.locations.search()).length).toBeGreaterThan(0);
        } else {
          // The example's locationId is GHL's sample id: mint for that location.
          const locationId = (body as { locationId: string }).locationId;
          expect(await company.location(locationId).tokens.getAccessToken()).toBe((body as { access_token: string }).access_token);
        }
      }
    }
  });
});
