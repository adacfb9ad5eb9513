import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken);
});
afterEach(() => sim.close());

describe('GET /users/search', () => {
  it('pages with skip + limit and counts every match', async () => {
    const users = ['Ann', 'Bob', 'Cid'].map((firstName) => sim.users.seed({ firstName, lastName: 'Smith' }));
    const first = await call('GET', `/users/search?companyId=${sim.companyId}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ users: users.slice(0, 2), count: 3 });
    expect((await call('GET', `/users/search?companyId=${sim.companyId}&limit=2&skip=2`)).body).toEqual({ users: users.slice(2), count: 3 });
  });

  it('filters by query, locationId, role and ids', async () => {
    const ann = sim.users.seed({ firstName: 'Ann', email: 'ann@example.com', role: 'admin' });
    const bob = sim.users.seed({ firstName: 'Bob', locationIds: ['other-location'] });
    const search = (query: string) => call('GET', `/users/search?companyId=${sim.companyId}&${query}`).then((answer) => answer.body.users);
    expect(await search('query=ANN')).toEqual([ann]);
    expect(await search(`locationId=${sim.locationId}`)).toEqual([ann]);
    expect(await search('role=admin')).toEqual([ann]);
    expect(await search(`ids=${bob.id},x`)).toEqual([bob]);
  });

  it('422 with a message array for a missing companyId, a bad limit or an unknown parameter; 403 for another agency', async () => {
    const invalid = await call('GET', '/users/search?limit=0&nickname=x');
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toEqual(['property nickname should not exist', 'companyId should not be empty', 'limit must be a positive integer string']);
    expect((await call('GET', '/users/search?companyId=other-company')).status).toBe(403);
  });
});

describe('GET /users/{userId} and GET /users/', () => {
  it('answer the user unwrapped and the location’s users; 404 for an unknown id', async () => {
    const ann = sim.users.seed({ firstName: 'Ann' });
    expect(await call('GET', `/users/${ann.id}`)).toMatchObject({ status: 200, body: ann });
    expect((await call('GET', '/users/nope')).status).toBe(404);
    expect((await call('GET', `/users/?locationId=${sim.locationId}`)).body.users).toEqual([ann]);
    expect((await call('GET', '/users/')).status).toBe(422);
  });
});
