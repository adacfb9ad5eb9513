import { describe, expect, expectTypeOf, it } from 'vitest';
import { GHLAbortError, GHLAuthenticationError, GHLNotFoundError, GHLResponseError, GHLScopeError, GHLValidationError } from '../../../src/errors.js';
import type { SearchUsersResult, User } from '../../../src/resources/users/types.js';
import { testClient } from '../../helpers/client.js';
import { rejection, route } from '../../helpers/msw-route.js';
import { countRequests } from '../../msw.js';

const makeClient = () => testClient({ retry: { retries: 3, minDelayMs: 1 } });
const ANN = { id: 'u-1', name: 'Ann Smith', email: 'ann@example.com' };
const LOCATION = { location: { id: 'loc-1', companyId: 'co-1' } };
const SCOPE_DENIED = { status: 401, body: { statusCode: 401, message: 'The token is not authorized for this scope.' } };

describe('users.search', () => {
  it("reads the location's companyId once, then GETs /users/search with companyId, locationId and the filters", async () => {
    const location = route('get', '/locations/:locationId', LOCATION);
    const seen = route('get', '/users/search', { users: [ANN], count: 1 });
    const ghl = makeClient();
    const page = await ghl.users.search({ query: 'ann', limit: 10, skip: 20, ids: ['u-1', 'u-2'], sortDirection: 'desc' });
    await ghl.users.search();
    expectTypeOf(page).toEqualTypeOf<SearchUsersResult>();
    expect(page).toEqual({ users: [ANN], total: 1 });
    expect(location).toHaveLength(1);
    expect(location[0]?.path).toBe('/locations/loc-1');
    expect(Object.fromEntries(seen[0]?.query ?? [])).toEqual({ query: 'ann', limit: '10', skip: '20', ids: 'u-1,u-2', sortDirection: 'desc', companyId: 'co-1', locationId: 'loc-1' });
    expect(seen[0]?.headers.get('version')).toBe('2021-07-28');
  });

  it('concurrent first searches read the location once; a failed read is tried again', async () => {
    const location = route('get', '/locations/:locationId', { status: 404, body: { statusCode: 404, message: 'Location not found' } }, LOCATION);
    route('get', '/users/search', { users: [] });
    const ghl = makeClient();
    expect(await rejection(ghl.users.search())).toBeInstanceOf(GHLNotFoundError);
    await Promise.all([ghl.users.search(), ghl.users.search(), ghl.users.search()]);
    expect(location).toHaveLength(2);
  });

  it('takes an explicit companyId without reading the location', async () => {
    const location = route('get', '/locations/:locationId', LOCATION);
    const seen = route('get', '/users/search', { users: [] });
    expect(await makeClient().users.search({ companyId: 'co-9' })).toEqual({ users: [], total: 0 });
    expect(location).toHaveLength(0);
    expect(seen[0]?.query.get('companyId')).toBe('co-9');
  });

  it('refuses a bad limit, skip, sortDirection or an unknown parameter before sending', async () => {
    const sent = countRequests();
    const ghl = makeClient();
    const error = (await rejection(ghl.users.search({ limit: 0, skip: -1, sortDirection: 'up' as never, page: 2 } as never))) as GHLValidationError;
    expect(error).toBeInstanceOf(GHLValidationError);
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['limit', 'page', 'skip', 'sortDirection']);
    expect(sent.count).toBe(0);
  });

  it("a 401 scope denial is a GHLScopeError naming users.readonly, not a generic authentication error", async () => {
    route('get', '/locations/:locationId', LOCATION);
    route('get', '/users/search', SCOPE_DENIED);
    const error = (await rejection(makeClient().users.search())) as GHLScopeError;
    expect(error).toBeInstanceOf(GHLScopeError);
    expect(error).toBeInstanceOf(GHLAuthenticationError);
    expect(error.scope).toBe('users.readonly');
    expect(error.message).toContain('this operation needs the users.readonly scope');
  });
});

describe('users.list', () => {
  it('pages with skip + limit until GHL’s count, each page once', async () => {
    route('get', '/locations/:locationId', LOCATION);
    const users = Array.from({ length: 5 }, (_, i) => ({ id: `u-${i}` }));
    const seen = route('get', '/users/search', { users: users.slice(0, 2), count: 5 }, { users: users.slice(2, 4), count: 5 }, { users: users.slice(4), count: 5 });
    const ids: string[] = [];
    for await (const user of makeClient().users.list({ limit: 2, role: 'admin' })) {
      expectTypeOf(user).toEqualTypeOf<User>();
      ids.push(user.id);
    }
    expect(ids).toEqual(['u-0', 'u-1', 'u-2', 'u-3', 'u-4']);
    expect(seen.map((request) => request.query.get('skip'))).toEqual(['0', '2', '4']);
    expect(seen.every((request) => request.query.get('role') === 'admin' && request.query.get('limit') === '2')).toBe(true);
  });

  it("stops at the caller's abort between pages, never fetching the next page", async () => {
    route('get', '/locations/:locationId', LOCATION);
    const seen = route('get', '/users/search', { users: [{ id: 'u-0' }, { id: 'u-1' }], count: 10 });
    const controller = new AbortController();
    const ids: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const user of makeClient().users.list({ limit: 2 }, { signal: controller.signal })) {
          ids.push(user.id);
          controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(ids).toEqual(['u-0']);
    expect(seen).toHaveLength(1);
  });

  it('refuses skip (it pages by itself) at once', () => {
    expect(() => makeClient().users.list({ skip: 5 } as never)).toThrow(GHLValidationError);
  });
});

describe('users.get', () => {
  it('GETs /users/{userId} (answered unwrapped); 404 is GHLNotFoundError; a body without id a GHLResponseError', async () => {
    const seen = route('get', '/users/:userId', ANN);
    expect(await makeClient().users.get('u-1')).toEqual(ANN);
    expect(seen[0]?.path).toBe('/users/u-1');
    route('get', '/users/:userId', { status: 404, body: { statusCode: 404, message: 'User not found' } });
    expect(await rejection(makeClient().users.get('nope'))).toBeInstanceOf(GHLNotFoundError);
    route('get', '/users/:userId', { user: ANN });
    expect(await rejection(makeClient().users.get('u-1'))).toBeInstanceOf(GHLResponseError);
  });

  it('a scope denial that names its scope keeps GHL’s name', async () => {
    route('get', '/users/:userId', { status: 401, body: { statusCode: 401, message: 'The token is not authorized for this scope: users.write' } });
    const error = (await rejection(makeClient().users.get('u-1'))) as GHLScopeError;
    expect(error.scope).toBe('users.write');
    expect(error.message).toContain('missing scope: users.write');
  });
});
