import { describe, expect, it } from 'vitest';
import { GHLNotFoundError, GHLScopeError, GHLValidationError } from '../../../src/errors.js';
import { rejection } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';

describe('users end to end', () => {
  it('search, list (streams every page once) and get', async () => {
    const { ghl, sim } = await simulatorClient();
    const seeded = Array.from({ length: 7 }, (_, i) => sim.users.seed({ firstName: `User${i}`, role: i === 0 ? 'admin' : 'user' }));
    const page = await ghl.users.search({ limit: 3 });
    expect(page.total).toBe(7);
    expect(page.users.map((user) => user.id)).toEqual(seeded.slice(0, 3).map((user) => user.id));
    expect((await ghl.users.search({ role: 'admin' })).users.map((user) => user.id)).toEqual([seeded[0]?.id]);
    sim.resetStats();
    const ids: string[] = [];
    for await (const user of ghl.users.list({ limit: 3 })) ids.push(user.id);
    expect(ids).toEqual(seeded.map((user) => user.id));
    expect(sim.stats.byRoute['GET /users/search']).toBe(3);
    expect((await ghl.users.get(seeded[1]?.id ?? '')).firstName).toBe('User1');
  });

  it('bad input sends nothing; an unknown id is GHLNotFoundError; a GET is retried after 429 and 500', async () => {
    const { ghl, sim } = await simulatorClient();
    const ann = sim.users.seed({ firstName: 'Ann' });
    sim.resetStats();
    expect(await rejection(ghl.users.search({ limit: 0 }))).toBeInstanceOf(GHLValidationError);
    expect(await rejection(ghl.users.get('..'))).toBeInstanceOf(GHLValidationError);
    expect(sim.stats.apiRequests).toBe(0);
    expect(await rejection(ghl.users.get('unknown-user'))).toBeInstanceOf(GHLNotFoundError);
    sim.injectFault({ route: 'GET /users/:userId', kind: 'rateLimit', retryAfterSeconds: 0 });
    sim.injectFault({ route: 'GET /users/:userId', kind: 'status', status: 500 });
    expect((await ghl.users.get(ann.id)).id).toBe(ann.id);
  });

  it("a token without users.readonly gets a GHLScopeError naming it, without a pointless refresh", async () => {
    const { ghl, sim } = await simulatorClient({ tokens: 'oauth' });
    sim.injectFault({ route: 'GET /users/:userId', kind: 'status', status: 401, body: { statusCode: 401, message: 'The token is not authorized for this scope.' }, times: Infinity });
    const error = (await rejection(ghl.users.get('u-1'))) as GHLScopeError;
    expect(error).toBeInstanceOf(GHLScopeError);
    expect(error.scope).toBe('users.readonly');
    expect(error.message).toContain('this operation needs the users.readonly scope');
    // A refreshed token has the same scopes: the single-use refresh token is not spent on it.
    expect(sim.stats.tokenRequests).toBe(0);
    expect(sim.stats.byRoute['GET /users/:userId']).toBe(1);
  });

  it('an ordinary 401 (revoked access token) still refreshes once and replays', async () => {
    const { ghl, sim } = await simulatorClient({ tokens: 'oauth' });
    const ann = sim.users.seed({ firstName: 'Ann' });
    sim.expireAccessTokens();
    expect((await ghl.users.get(ann.id)).id).toBe(ann.id);
    expect(sim.stats.refreshGrants).toBe(1);
  });
});
