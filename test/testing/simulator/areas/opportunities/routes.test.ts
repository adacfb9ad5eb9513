import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator, type SimulatedPipeline } from '../../../../../src/testing/index.js';
import { apiClient } from '../../http.js';

let sim: GHLSimulator;
let call: ReturnType<typeof apiClient>;
let pipeline: SimulatedPipeline;
let contactId: string;
beforeEach(async () => {
  sim = await createGHLSimulator();
  call = apiClient(sim.url, sim.issueTokens().accessToken);
  pipeline = sim.opportunities.pipelines.list()[0] as SimulatedPipeline;
  contactId = sim.contacts.seed({ email: 'ada@example.com', name: 'Ada' }).id;
});
afterEach(() => sim.close());

const stage = (index: number) => pipeline.stages[index]?.id as string;

describe('GET /opportunities/pipelines', () => {
  it('starts with one pipeline of four stages; seeded pipelines follow; other locations stay apart', async () => {
    const extra = sim.opportunities.pipelines.seed({ name: 'Renewals', stages: ['Due', { name: 'Renewed', id: 'stage-renewed' }] });
    sim.opportunities.pipelines.seed({ name: 'Theirs', stages: ['x'], locationId: 'other-location' });
    const res = await call('GET', `/opportunities/pipelines?locationId=${sim.locationId}`);
    expect(res.status).toBe(200);
    expect(res.body.pipelines).toEqual([pipeline, extra]);
    expect(pipeline.stages.map((s) => s.name)).toEqual(['New Lead', 'Contacted', 'Proposal Sent', 'Closed']);
    expect(extra.stages[1]).toEqual({ id: 'stage-renewed', name: 'Renewed', position: 1, showInFunnel: true, showInPieChart: true });
  });

  it('needs locationId (422) and the token’s own location (403)', async () => {
    expect((await call('GET', '/opportunities/pipelines')).status).toBe(422);
    expect((await call('GET', '/opportunities/pipelines?locationId=other-location')).status).toBe(403);
  });
});

describe('POST /opportunities/', () => {
  const body = () => ({ locationId: sim.locationId, pipelineId: pipeline.id, name: 'Deal', status: 'open', contactId });

  it('creates (201 {opportunity}) in the first stage unless one is named, with the contact summary', async () => {
    const res = await call('POST', '/opportunities/', { ...body(), monetaryValue: 50, customFields: [{ id: 'cf-1', field_value: 'gold' }] });
    expect(res.status).toBe(201);
    expect(res.body.opportunity).toMatchObject({ name: 'Deal', pipelineStageId: stage(0), monetaryValue: 50, status: 'open', customFields: [{ id: 'cf-1', fieldValue: 'gold' }], contact: { id: contactId, email: 'ada@example.com' } });
    expect(sim.opportunities.list()).toHaveLength(1);
    const placed = await call('POST', '/opportunities/', { ...body(), pipelineStageId: stage(2) });
    expect(placed.body.opportunity.pipelineStageId).toBe(stage(2));
  });

  it('answers 422 with one message per problem: unknown fields, missing required ones, bad enum and types', async () => {
    const res = await call('POST', '/opportunities/', { locationId: sim.locationId, pipelineId: pipeline.id, status: 'pending', monetaryValue: '5', stage: 'x' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(res.body.message).toEqual(
      expect.arrayContaining(['property stage should not exist', 'name should not be empty', 'contactId should not be empty', expect.stringMatching(/^status must be one of/), expect.stringMatching(/^monetaryValue must be a number/)]),
    );
    expect(sim.opportunities.list()).toEqual([]);
  });

  it('answers 400 for a pipeline, stage or contact the location does not have, and 403 for another location', async () => {
    expect((await call('POST', '/opportunities/', { ...body(), pipelineId: 'nope' })).status).toBe(400);
    expect((await call('POST', '/opportunities/', { ...body(), pipelineStageId: 'nope' })).status).toBe(400);
    expect((await call('POST', '/opportunities/', { ...body(), contactId: 'nope' })).status).toBe(400);
    expect((await call('POST', '/opportunities/', { ...body(), locationId: 'other-location' })).status).toBe(403);
  });
});

describe('GET, PUT, DELETE /opportunities/{id} and PUT …/status', () => {
  it('reads, moves between stages, sets the status and deletes', async () => {
    const seeded = sim.opportunities.seed({ name: 'Deal', contactId, createdAt: '2026-01-01T00:00:00.000Z' });
    expect((await call('GET', `/opportunities/${seeded.id}`)).body.opportunity).toMatchObject({ id: seeded.id, contact: { id: contactId } });

    const moved = await call('PUT', `/opportunities/${seeded.id}`, { pipelineStageId: stage(1), monetaryValue: 9 });
    expect(moved.status).toBe(200);
    expect(moved.body.opportunity).toMatchObject({ pipelineStageId: stage(1), monetaryValue: 9 });
    expect(moved.body.opportunity.lastStageChangeAt).not.toBe('2026-01-01T00:00:00.000Z');

    expect(await call('PUT', `/opportunities/${seeded.id}/status`, { status: 'won' })).toMatchObject({ status: 200, body: { succeded: true } });
    expect(sim.opportunities.get(seeded.id)?.status).toBe('won');

    expect(await call('DELETE', `/opportunities/${seeded.id}`)).toMatchObject({ status: 200, body: { succeded: true } });
    expect(sim.opportunities.get(seeded.id)).toBeUndefined();
  });

  it('404 for an unknown id, 403 for another location’s, 422 for unknown or non-updatable fields, 400 for a stage of no pipeline', async () => {
    const other = sim.opportunities.pipelines.seed({ name: 'Theirs', stages: ['x'], locationId: 'other-location' });
    const theirs = sim.opportunities.seed({ name: 'Theirs', locationId: 'other-location', pipelineId: other.id });
    const mine = sim.opportunities.seed({ name: 'Mine' });
    for (const [method, suffix, payload] of [['GET', '', undefined], ['PUT', '', { name: 'x' }], ['PUT', '/status', { status: 'won' }], ['DELETE', '', undefined]] as const) {
      expect((await call(method, `/opportunities/nope${suffix}`, payload)).status).toBe(404);
      expect((await call(method, `/opportunities/${theirs.id}${suffix}`, payload)).status).toBe(403);
    }
    const res = await call('PUT', `/opportunities/${mine.id}`, { locationId: sim.locationId, contactId });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['property locationId should not exist', 'property contactId should not exist']);
    expect((await call('PUT', `/opportunities/${mine.id}/status`, {})).body.message).toEqual(['status should not be empty']);
    expect((await call('PUT', `/opportunities/${mine.id}`, { pipelineStageId: 'nope' })).status).toBe(400);
  });
});

describe('POST /opportunities/upsert', () => {
  it('with an id updates that opportunity (new: false); without one creates (new: true)', async () => {
    const seeded = sim.opportunities.seed({ name: 'Deal' });
    const updated = await call('POST', '/opportunities/upsert', { id: seeded.id, locationId: sim.locationId, pipelineId: pipeline.id, status: 'lost', followers: ['u-1', 'u-2'], followersActionType: 'add' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ new: false, opportunity: { id: seeded.id, status: 'lost', followers: ['u-1', 'u-2'] } });
    const removed = await call('POST', '/opportunities/upsert', { id: seeded.id, locationId: sim.locationId, pipelineId: pipeline.id, followers: ['u-1'], followersActionType: 'remove' });
    expect(removed.body.opportunity.followers).toEqual(['u-2']);

    const created = await call('POST', '/opportunities/upsert', { locationId: sim.locationId, pipelineId: pipeline.id, name: 'Fresh' });
    expect(created.body).toMatchObject({ new: true, opportunity: { name: 'Fresh', pipelineStageId: stage(0) } });
    expect(sim.opportunities.list()).toHaveLength(2);
  });

  it('422 without pipelineId/locationId, or without a name for a create; 404 for an unknown id', async () => {
    expect((await call('POST', '/opportunities/upsert', { name: 'x' })).body.message).toEqual(['pipelineId should not be empty', 'locationId should not be empty']);
    expect((await call('POST', '/opportunities/upsert', { locationId: sim.locationId, pipelineId: pipeline.id })).body.message).toEqual(['name should not be empty']);
    expect((await call('POST', '/opportunities/upsert', { id: 'nope', locationId: sim.locationId, pipelineId: pipeline.id })).status).toBe(404);
  });
});

describe('GET /opportunities/search', () => {
  const search = (query: string) => call('GET', `/opportunities/search?location_id=${sim.locationId}${query}`);

  it('pages with limit and the meta cursor (startAfter/startAfterId), nextPageUrl null on the last page', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => sim.opportunities.seed({ name: `Deal ${i}` }).id);
    const first = await search('&limit=2');
    expect(first.body.opportunities.map((o: { id: string }) => o.id)).toEqual(ids.slice(0, 2));
    expect(first.body.meta).toMatchObject({ total: 5, startAfterId: ids[1], currentPage: 1, nextPage: 2, prevPage: null });
    expect(first.body.meta.nextPageUrl).toContain(`startAfterId=${ids[1]}`);
    const { startAfter, startAfterId } = first.body.meta;
    const second = await search(`&limit=2&startAfter=${startAfter}&startAfterId=${startAfterId}`);
    expect(second.body.opportunities.map((o: { id: string }) => o.id)).toEqual(ids.slice(2, 4));
    const last = await search(`&limit=2&startAfter=${second.body.meta.startAfter}&startAfterId=${second.body.meta.startAfterId}`);
    expect(last.body.opportunities.map((o: { id: string }) => o.id)).toEqual(ids.slice(4));
    expect(last.body.meta).toMatchObject({ total: 5, nextPageUrl: null, startAfterId: null, startAfter: null, nextPage: null });
    // The spec's other way: a page number.
    expect((await search('&limit=2&page=3')).body.opportunities.map((o: { id: string }) => o.id)).toEqual(ids.slice(4));
  });

  it('filters by status, pipeline, stage, contact, text and date; orders by added_desc', async () => {
    const a = sim.opportunities.seed({ name: 'Alpha', status: 'won', contactId, createdAt: '2026-03-01T10:00:00.000Z' });
    const b = sim.opportunities.seed({ name: 'Beta', pipelineStageId: stage(1), createdAt: '2026-03-02T10:00:00.000Z' });
    const ids = async (query: string) => (await search(query)).body.opportunities.map((o: { id: string }) => o.id);
    expect(await ids('&status=won')).toEqual([a.id]);
    expect(await ids('&status=all')).toEqual([a.id, b.id]);
    expect(await ids(`&pipeline_stage_id=${stage(1)}`)).toEqual([b.id]);
    expect(await ids(`&contact_id=${contactId}`)).toEqual([a.id]);
    expect(await ids('&q=bet')).toEqual([b.id]);
    expect(await ids('&date=03-02-2026')).toEqual([b.id]);
    expect(await ids('&endDate=03-01-2026')).toEqual([a.id]);
    expect(await ids('&order=added_desc')).toEqual([b.id, a.id]);
    expect(await ids(`&pipeline_id=${pipeline.id}`)).toEqual([a.id, b.id]);
  });

  it('422 for a missing location_id, a limit above 100, a bad status or date, an unknown parameter; 403 for another location', async () => {
    expect((await call('GET', '/opportunities/search')).body.message).toEqual(['location_id should not be empty']);
    const res = await search('&limit=101&status=closed&date=2026-01-01&locationId=x');
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual([
      'property locationId should not exist',
      'limit must not be greater than 100 and not less than 1',
      'status must be one of the following values: open, won, lost, abandoned, all',
      'date must be a date as mm-dd-yyyy',
    ]);
    expect((await call('GET', '/opportunities/search?location_id=other-location')).status).toBe(403);
  });
});

describe('the engine’s rules apply to every opportunities route', () => {
  it('Version 2021-07-28, the token, X-RateLimit-* headers, and fault injection (dropAfterProcessing creates, then drops)', async () => {
    const counted = await call('GET', `/opportunities/pipelines?locationId=${sim.locationId}`);
    expect(counted.headers.get('x-ratelimit-max')).toBe('100');
    expect(counted.headers.get('x-ratelimit-remaining')).toEqual(expect.stringMatching(/^\d+$/));
    const wrong = apiClient(sim.url, sim.issueTokens().accessToken, { version: '2021-04-15' });
    expect((await wrong('GET', `/opportunities/pipelines?locationId=${sim.locationId}`)).status).toBe(400);
    expect((await apiClient(sim.url, 'bogus')('GET', '/opportunities/x')).status).toBe(401);
    sim.injectFault({ route: 'POST /opportunities/', kind: 'dropAfterProcessing' });
    await expect(call('POST', '/opportunities/', { locationId: sim.locationId, pipelineId: pipeline.id, name: 'Deal', status: 'open', contactId })).rejects.toThrow();
    expect(sim.opportunities.list()).toHaveLength(1);
    expect(sim.stats.byRoute['POST /opportunities/']).toBe(1);
  });

  it('sim.opportunities.seed needs a pipeline when the location has none', () => {
    sim.opportunities.pipelines.clear();
    expect(() => sim.opportunities.seed({ name: 'x' })).toThrow(/has no pipeline/);
  });
});
