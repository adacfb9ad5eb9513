import { describe, expect, it } from 'vitest';
import { GHLResponseError, GHLScopeError } from '../../../src/errors.js';
import { testClient } from '../../helpers/client.js';
import { rejection, route } from '../../helpers/msw-route.js';

const makeClient = () => testClient({ retry: { retries: 3, minDelayMs: 1 } });
const WELCOME = { id: 'w-1', name: 'Welcome', status: 'published', version: 2, locationId: 'loc-1' };

describe('workflows.list', () => {
  it("GETs /workflows/ with the client's locationId and returns the workflows; retries a 503", async () => {
    const seen = route('get', '/workflows/', { status: 503 }, { workflows: [WELCOME] });
    expect(await makeClient().workflows.list()).toEqual([WELCOME]);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.query.toString()).toBe('locationId=loc-1');
    expect(seen[1]?.headers.get('version')).toBe('2021-07-28');
  });

  it('a body without workflows is a GHLResponseError; a scope denial names workflows.readonly', async () => {
    route('get', '/workflows/', { items: [] });
    expect(await rejection(makeClient().workflows.list())).toBeInstanceOf(GHLResponseError);
    route('get', '/workflows/', { status: 401, body: { statusCode: 401, message: 'The token is not authorized for this scope.' } });
    expect(((await rejection(makeClient().workflows.list())) as GHLScopeError).scope).toBe('workflows.readonly');
  });
});
