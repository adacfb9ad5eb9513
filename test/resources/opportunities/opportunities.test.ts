import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLResponseError, GHLServerError, GHLUnprocessableError, GHLValidationError } from '../../../src/errors.js';
import { testClient } from '../../helpers/client.js';
import { route } from '../../helpers/msw-route.js';
import { countRequests } from '../../msw.js';

// ghl.opportunities at the HTTP level (msw): what each method sends (method, path, Version, query,
// body), what it refuses to send, how it reads GHL's answers, and how `list` pages.

const OPP = { id: 'o-1', name: 'Deal', pipelineId: 'p-1', pipelineStageId: 's-1', status: 'open', monetaryValue: 10 };
const CREATE = { pipelineId: 'p-1', name: 'Deal', status: 'open' as const, contactId: 'c-1' };

/** A search answer of `ids`, with `meta` as given. */
const searchPage = (ids: string[], meta: Record<string, unknown>) => ({ opportunities: ids.map((id) => ({ ...OPP, id })), meta });

describe('create', () => {
  it('POSTs /opportunities/ with Version 2021-07-28 and the client location in the body, once', async () => {
    const seen = route('post', '/opportunities/', { status: 201, body: { opportunity: OPP } });
    const opportunity = await testClient().opportunities.create({ ...CREATE, monetaryValue: 0, customFields: [{ key: 'plan', field_value: 'pro' }] });
    expect(opportunity).toEqual(OPP);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get('version')).toBe('2021-07-28');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer at-1');
    expect(seen[0]?.body).toEqual({ ...CREATE, locationId: 'loc-1', monetaryValue: 0, customFields: [{ key: 'plan', field_value: 'pro' }] });
  });

  it('a locationId of its own replaces the client one (sent once)', async () => {
    const seen = route('post', '/opportunities/', { status: 201, body: { opportunity: OPP } });
    await testClient().opportunities.create({ ...CREATE, locationId: 'loc-2' });
    expect((seen[0]?.body as { locationId: string }).locationId).toBe('loc-2');
  });

  it('is not replayed after a dropped connection or a 5xx, and the error names the safe retry', async () => {
    const dropped = route('post', '/opportunities/', 'drop');
    const error = await testClient().opportunities.create(CREATE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/it was not replayed \(look for it first with ghl\.opportunities\.search/);
    expect((error as Error).message).not.toMatch(/use an upsert/);
    expect(dropped).toHaveLength(1);

    const failed = route('post', '/opportunities/', { status: 503, body: { message: 'busy' } });
    const server5xx = await testClient().opportunities.create(CREATE).catch((e: unknown) => e);
    expect(server5xx).toBeInstanceOf(GHLServerError);
    expect((server5xx as GHLServerError).status).toBe(503);
    expect((server5xx as Error).message).toMatch(/not replayed \(look for it first with ghl\.opportunities\.search/);
    expect(failed).toHaveLength(1);
  });

  it('a 422 from GHL stays a GHLUnprocessableError, message untouched', async () => {
    route('post', '/opportunities/', { status: 422, body: { statusCode: 422, message: ['property x should not exist'] } });
    const error = await testClient().opportunities.create(CREATE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLUnprocessableError);
    expect((error as Error).message).not.toMatch(/not replayed/);
  });

  it('refuses bad input before sending: each issue names its field', async () => {
    const sent = countRequests();
    const ghl = testClient();
    const error = await ghl.opportunities
      // @ts-expect-error every problem at once: missing contactId, a negative value, a bad status, an unknown field
      .create({ pipelineId: 'p-1', name: '', status: 'pending', monetaryValue: -5, extra: true, customFields: [{ field_value: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((issue) => issue.path).sort()).toEqual(['contactId', 'customFields.0.id', 'extra', 'monetaryValue', 'name', 'status']);
    expect(sent.count).toBe(0);
  });

  it('a malformed 2xx is a GHLResponseError', async () => {
    route('post', '/opportunities/', { status: 201, body: { opportunity: { name: 'no id' } } });
    await expect(testClient().opportunities.create(CREATE)).rejects.toBeInstanceOf(GHLResponseError);
  });
});

describe('get, update, updateStatus, delete', () => {
  it('send their method, path (the id in its own segment) and body; retried per policy', async () => {
    const get = route('get', '/opportunities/:id', { status: 500 }, { opportunity: OPP });
    const put = route('put', '/opportunities/:id', 'drop', { opportunity: { ...OPP, pipelineStageId: 's-2' } });
    const status = route('put', '/opportunities/:id/status', { status: 429 }, { succeded: true });
    const del = route('delete', '/opportunities/:id', { status: 502 }, { succeded: true });
    const ghl = testClient();

    expect(await ghl.opportunities.get('o/1')).toEqual(OPP);
    expect(get.map((request) => request.path)).toEqual(['/opportunities/o%2F1', '/opportunities/o%2F1']);
    expect((await ghl.opportunities.update('o-1', { pipelineStageId: 's-2' })).pipelineStageId).toBe('s-2');
    expect(put[1]?.body).toEqual({ pipelineStageId: 's-2' });
    await ghl.opportunities.updateStatus('o-1', 'lost');
    expect(status.map((request) => request.body)).toEqual([{ status: 'lost' }, { status: 'lost' }]);
    await ghl.opportunities.delete('o-1');
    expect(del).toHaveLength(2);
  });

  it('an update takes no locationId, contactId or unknown field', async () => {
    const sent = countRequests();
    // @ts-expect-error not in UpdateOpportunityDto
    const error = await testClient().opportunities.update('o-1', { locationId: 'x', contactId: 'c' }).catch((e: unknown) => e);
    expect((error as GHLValidationError).issues.map((issue) => issue.path).sort()).toEqual(['contactId', 'locationId']);
    expect(sent.count).toBe(0);
  });
});

describe('upsert', () => {
  it('with an id: retried after a drop, `created` from GHL\'s `new`', async () => {
    const seen = route('post', '/opportunities/upsert', 'drop', { new: false, opportunity: OPP });
    const result = await testClient().opportunities.upsert({ id: 'o-1', pipelineId: 'p-1', status: 'won', followers: ['u-1'], followersActionType: 'add' });
    expect(result).toEqual({ created: false, opportunity: OPP });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.body).toEqual({ id: 'o-1', pipelineId: 'p-1', status: 'won', followers: ['u-1'], followersActionType: 'add', locationId: 'loc-1' });
  });

  it('without an id it creates: never replayed after a drop', async () => {
    const seen = route('post', '/opportunities/upsert', 'drop', { new: true, opportunity: OPP });
    const error = await testClient().opportunities.upsert({ pipelineId: 'p-1', name: 'New' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/not replayed \(look for it first/);
    expect(seen).toHaveLength(1);
  });

  it('followers need an action', async () => {
    const error = await testClient().opportunities.upsert({ pipelineId: 'p-1', followers: ['u-1'] }).catch((e: unknown) => e);
    expect((error as GHLValidationError).issues.map((issue) => issue.path)).toEqual(['followersActionType']);
  });
});

describe('search', () => {
  it('GETs /opportunities/search with the spec\'s query names, location_id from the client, 20 by GHL\'s default', async () => {
    const seen = route('get', '/opportunities/search', searchPage(['o-1'], { total: 7, nextPageUrl: 'https://x/next', startAfter: 1625203104328, startAfterId: 'o-1' }));
    const page = await testClient().opportunities.search({ query: 'ada', pipelineId: 'p-1', pipelineStageId: 's-1', contactId: 'c-1', assignedTo: 'u-1', status: 'open', getNotes: true });
    expect(page).toEqual({ opportunities: [{ ...OPP, id: 'o-1' }], total: 7, next: { startAfter: '1625203104328', startAfterId: 'o-1' } });
    expect(Object.fromEntries(seen[0]?.query ?? [])).toEqual({
      location_id: 'loc-1',
      q: 'ada',
      pipeline_id: 'p-1',
      pipeline_stage_id: 's-1',
      contact_id: 'c-1',
      assigned_to: 'u-1',
      status: 'open',
      getNotes: 'true',
    });
  });

  it('next is undefined when GHL says there is no next page (nextPageUrl null), and total falls back to the page', async () => {
    route('get', '/opportunities/search', searchPage(['o-1'], { nextPageUrl: null, startAfter: 1, startAfterId: 'o-1' }));
    expect(await testClient().opportunities.search()).toMatchObject({ total: 1, next: undefined });
  });

  it('refuses a half cursor, a cursor with page, a limit above 100 and an unknown parameter', async () => {
    const sent = countRequests();
    const ghl = testClient();
    const issues = async (params: Parameters<typeof ghl.opportunities.search>[0]) =>
      ((await ghl.opportunities.search(params).catch((e: unknown) => e)) as GHLValidationError).issues.map((issue) => issue.path);
    expect(await issues({ startAfterId: 'o-1' })).toEqual(['startAfterId']);
    expect(await issues({ startAfter: '1', startAfterId: 'o-1', page: 2 })).toEqual(['page']);
    expect(await issues({ limit: 101 })).toEqual(['limit']);
    // @ts-expect-error location_id is the client's
    expect(await issues({ location_id: 'x' })).toEqual(['location_id']);
    expect(sent.count).toBe(0);
  });
});

describe('list', () => {
  it('follows the startAfter/startAfterId cursor page by page and stops when nextPageUrl is null', async () => {
    const seen = route(
      'get',
      '/opportunities/search',
      searchPage(['a', 'b'], { total: 5, nextPageUrl: 'https://x/1', startAfter: 1, startAfterId: 'b' }),
      searchPage(['c', 'd'], { total: 5, nextPageUrl: 'https://x/2', startAfter: 2, startAfterId: 'd' }),
      searchPage(['e', 'f'], { total: 5, nextPageUrl: null, startAfter: null, startAfterId: null }),
    );
    const ids: string[] = [];
    for await (const opportunity of testClient().opportunities.list({ status: 'open', limit: 2 })) ids.push(opportunity.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(seen.map((request) => [request.query.get('startAfter'), request.query.get('startAfterId'), request.query.get('limit'), request.query.get('status')])).toEqual([
      [null, null, '2', 'open'],
      ['1', 'b', '2', 'open'],
      ['2', 'd', '2', 'open'],
    ]);
  });

  it('stops after a short page even when a cursor comes back', async () => {
    const seen = route('get', '/opportunities/search', searchPage(['a'], { startAfter: 1, startAfterId: 'a' }));
    const ids: string[] = [];
    for await (const opportunity of testClient().opportunities.list()) ids.push(opportunity.id);
    expect(ids).toEqual(['a']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.query.get('limit')).toBe('100');
  });

  it('never fetches a page twice: a cursor GHL already returned is a GHLResponseError', async () => {
    const seen = route(
      'get',
      '/opportunities/search',
      searchPage(['a', 'b'], { nextPageUrl: 'https://x/1', startAfter: 1, startAfterId: 'b' }),
      searchPage(['c', 'd'], { nextPageUrl: 'https://x/1', startAfter: 1, startAfterId: 'b' }),
    );
    const ids: string[] = [];
    const loop = async () => {
      for await (const opportunity of testClient().opportunities.list({ limit: 2 })) ids.push(opportunity.id);
    };
    await expect(loop()).rejects.toBeInstanceOf(GHLResponseError);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(seen).toHaveLength(2);
  });

  it('fetches nothing until iterated, and nothing more after a break', async () => {
    const seen = route('get', '/opportunities/search', searchPage(['a', 'b'], { nextPageUrl: 'https://x/1', startAfter: 1, startAfterId: 'b' }));
    const iterable = testClient().opportunities.list({ limit: 2 });
    expect(seen).toHaveLength(0);
    for await (const _opportunity of iterable) break;
    expect(seen).toHaveLength(1);
  });

  it('refuses paging parameters of its own', () => {
    // @ts-expect-error list pages by itself
    expect(() => testClient().opportunities.list({ page: 2 })).toThrow(GHLValidationError);
  });
});

describe('pipelines.list', () => {
  it('GETs /opportunities/pipelines?locationId= and returns the pipelines with their stages', async () => {
    const pipelines = [{ id: 'p-1', name: 'Sales', stages: [{ id: 's-1', name: 'New', position: 0 }] }];
    const seen = route('get', '/opportunities/pipelines', { pipelines });
    expect(await testClient().opportunities.pipelines.list()).toEqual(pipelines);
    expect(seen[0]?.query.toString()).toBe('locationId=loc-1');
    expect(seen[0]?.headers.get('version')).toBe('2021-07-28');
  });
});
