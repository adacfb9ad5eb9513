import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { GHL_BASE } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

describe('users: every request conforms to spec/apps/users.json', () => {
  it('search (and the companyId lookup), list, get: path, Version, query', async () => {
    const recorder = recordRequests();
    const { ghl, sim } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });
    const ann = sim.users.seed({ firstName: 'Ann', role: 'admin' });
    sim.users.seed({ firstName: 'Bob' });

    expect((await ghl.users.search({ query: 'ann', role: 'admin', type: 'account', ids: [ann.id], sort: 'firstName', sortDirection: 'asc', limit: 5, skip: 0 })).users).toHaveLength(1);
    const ids: string[] = [];
    for await (const user of ghl.users.list({ limit: 1 })) ids.push(user.id);
    expect(ids).toHaveLength(2);
    expect((await ghl.users.get(ann.id)).id).toBe(ann.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation))).toEqual(new Set(['GET /locations/{locationId}', 'GET /users/search', 'GET /users/{userId}']));
  });
});

describe('users: every spec example answer parses through the resource', () => {
  it('search and get', async () => {
    // msw tries the newest handler first: /users/search is added after /users/:userId so it wins.
    for (const template of ['/users/{userId}', '/users/search', '/locations/{locationId}']) {
      const [example] = specExampleResponses('get', template);
      expect(example).toBeDefined();
      server.use(http.get(`${GHL_BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })));
    }
    const ghl = testClient();
    expect((await ghl.users.search()).users[0]?.id).toEqual(expect.any(String));
    expect((await ghl.users.get('u-1')).id).toEqual(expect.any(String));
  });
});
