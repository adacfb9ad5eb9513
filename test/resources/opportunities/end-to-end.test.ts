import { describe, expect, it } from 'vitest';
import { GHLAbortError, GHLConnectionError, GHLNotFoundError, GHLServerError, GHLValidationError } from '../../../src/errors.js';
import type { GHLSimulator } from '../../../src/testing/index.js';
import { simulatorClient } from '../../helpers/simulator.js';

// ghl.opportunities against the simulator over real HTTP (127.0.0.1): every method, and the failure
// modes the resource promises (nothing sent on bad input, no duplicate after a dropped create,
// retried reads, typed not-found).

async function setup() {
  const context = await simulatorClient({ tokens: 'pit' });
  const contact = context.sim.contacts.seed({ email: 'ada@example.com', firstName: 'Ada' });
  const [pipeline] = context.sim.opportunities.pipelines.list();
  if (!pipeline) throw new Error('the simulator starts with a pipeline');
  return { ...context, contact, pipeline };
}

const requests = (sim: GHLSimulator) => Object.values(sim.stats.byRoute).reduce((sum, count) => sum + count, 0);

describe('ghl.opportunities end to end', () => {
  it('create, get, update (a pipeline move), updateStatus, upsert, search, list and delete', async () => {
    const { sim, ghl, contact, pipeline } = await setup();
    const [first, second] = pipeline.stages;

    const [listed] = await ghl.opportunities.pipelines.list();
    expect(listed).toMatchObject({ id: pipeline.id, name: 'Sales Pipeline', stages: [{ id: first?.id, name: 'New Lead', position: 0 }, expect.anything(), expect.anything(), expect.anything()] });

    const created = await ghl.opportunities.create({ pipelineId: pipeline.id, name: 'Engines', status: 'open', contactId: contact.id, monetaryValue: 1200 });
    expect(created).toMatchObject({ name: 'Engines', pipelineStageId: first?.id, monetaryValue: 1200, contactId: contact.id, locationId: sim.locationId, contact: { id: contact.id, email: 'ada@example.com' } });
    expect(await ghl.opportunities.get(created.id)).toMatchObject({ id: created.id, name: 'Engines' });

    const moved = await ghl.opportunities.update(created.id, { pipelineStageId: second?.id as string });
    expect(moved.pipelineStageId).toBe(second?.id);
    expect(sim.opportunities.get(created.id)?.lastStageChangeAt).toEqual(expect.any(String));

    await ghl.opportunities.updateStatus(created.id, 'won');
    expect(sim.opportunities.get(created.id)?.status).toBe('won');

    const updated = await ghl.opportunities.upsert({ id: created.id, pipelineId: pipeline.id, monetaryValue: 1500 });
    expect(updated).toMatchObject({ created: false, opportunity: { id: created.id, monetaryValue: 1500 } });
    const made = await ghl.opportunities.upsert({ pipelineId: pipeline.id, name: 'Second deal' });
    expect(made.created).toBe(true);

    const page = await ghl.opportunities.search({ status: 'won' });
    expect(page).toEqual({ opportunities: [expect.objectContaining({ id: created.id })], total: 1, next: undefined });
    const names: string[] = [];
    for await (const opportunity of ghl.opportunities.list({ pipelineId: pipeline.id })) names.push(opportunity.name ?? '');
    expect(names).toEqual(['Engines', 'Second deal']);

    await ghl.opportunities.delete(created.id);
    expect(sim.opportunities.get(created.id)).toBeUndefined();
  });

  it('bad input sends nothing: a GHLValidationError names the field', async () => {
    const { sim, ghl, contact, pipeline } = await setup();
    const base = { pipelineId: pipeline.id, name: 'Deal', status: 'open' as const, contactId: contact.id };
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => ghl.opportunities.create({ ...base, monetaryValue: -1 }), 'monetaryValue'],
      [() => ghl.opportunities.create({ ...base, monetaryValue: Number.POSITIVE_INFINITY }), 'monetaryValue'],
      [() => ghl.opportunities.create({ ...base, monetaryValue: Number.NaN }), 'monetaryValue'],
      // @ts-expect-error `'all'` is a search filter, not a status
      [() => ghl.opportunities.create({ ...base, status: 'all' }), 'status'],
      // @ts-expect-error unknown fields are refused at compile time too
      [() => ghl.opportunities.create({ ...base, stage: 'x' }), 'stage'],
      // @ts-expect-error
      [() => ghl.opportunities.updateStatus('opp-1', 'closed'), 'status'],
      [() => ghl.opportunities.get('..'), 'id'],
      [() => ghl.opportunities.update('', { name: 'x' }), 'id'],
      // @ts-expect-error contactId is not updatable (UpdateOpportunityDto)
      [() => ghl.opportunities.update('opp-1', { contactId: 'c' }), 'contactId'],
      [() => ghl.opportunities.search({ limit: 101 }), 'limit'],
      [() => ghl.opportunities.search({ date: '2026-01-01' }), 'date'],
    ];
    for (const [call, field] of cases) {
      const error = await call().catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(GHLValidationError);
      expect((error as GHLValidationError).issues.map((issue) => issue.path)).toContain(field);
    }
    expect(() => ghl.opportunities.list({ limit: 0 })).toThrow(GHLValidationError);
    expect(requests(sim)).toBe(0);
  });

  it('a create whose connection drops after GHL processed it: exactly one opportunity, a typed error naming the safe retry', async () => {
    const { sim, ghl, contact, pipeline } = await setup();
    sim.injectFault({ route: 'POST /opportunities/', kind: 'dropAfterProcessing' });
    const error = await ghl.opportunities.create({ pipelineId: pipeline.id, name: 'Once', status: 'open', contactId: contact.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/not replayed/);
    expect((error as Error).message).toMatch(/ghl\.opportunities\.search\(\{ contactId, pipelineId \}\)/);
    expect(sim.stats.byRoute['POST /opportunities/']).toBe(1);
    expect(sim.opportunities.list()).toHaveLength(1);

    // The safe retry the message names finds it.
    const { opportunities } = await ghl.opportunities.search({ contactId: contact.id, pipelineId: pipeline.id });
    expect(opportunities.map((opportunity) => opportunity.name)).toEqual(['Once']);
  });

  it('a create answered 5xx is not replayed either, and says so', async () => {
    const { sim, ghl, contact, pipeline } = await setup();
    sim.injectFault({ route: 'POST /opportunities/', kind: 'status', status: 502 });
    const error = await ghl.opportunities.create({ pipelineId: pipeline.id, name: 'Once', status: 'open', contactId: contact.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLServerError);
    expect((error as Error).message).toMatch(/not replayed.*search/);
    expect(sim.stats.byRoute['POST /opportunities/']).toBe(1);
  });

  it('an upsert with an id is replayed after a drop (one opportunity); without one it is a create and is not', async () => {
    const { sim, ghl, pipeline } = await setup();
    const seeded = sim.opportunities.seed({ name: 'Seeded' });
    sim.injectFault({ route: 'POST /opportunities/upsert', kind: 'dropAfterProcessing' });
    const result = await ghl.opportunities.upsert({ id: seeded.id, pipelineId: pipeline.id, status: 'lost' });
    expect(result).toMatchObject({ created: false, opportunity: { status: 'lost' } });
    expect(sim.stats.byRoute['POST /opportunities/upsert']).toBe(2);

    sim.injectFault({ route: 'POST /opportunities/upsert', kind: 'dropAfterProcessing' });
    const error = await ghl.opportunities.upsert({ pipelineId: pipeline.id, name: 'New' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/not replayed/);
    expect(sim.stats.byRoute['POST /opportunities/upsert']).toBe(3);
    expect(sim.opportunities.list()).toHaveLength(2);
  });

  it('429 and 5xx on reads, PUTs and DELETEs are retried', async () => {
    const { sim, ghl } = await setup();
    const seeded = sim.opportunities.seed({ name: 'Seeded' });
    sim.injectFault({ route: 'GET /opportunities/:id', kind: 'rateLimit', retryAfterSeconds: 0 });
    sim.injectFault({ route: 'GET /opportunities/:id', kind: 'status', status: 503 });
    expect((await ghl.opportunities.get(seeded.id)).id).toBe(seeded.id);
    expect(sim.stats.byRoute['GET /opportunities/:id']).toBe(3);

    sim.injectFault({ route: 'GET /opportunities/search', kind: 'status', status: 500 });
    sim.injectFault({ route: 'GET /opportunities/pipelines', kind: 'drop' });
    expect((await ghl.opportunities.search()).total).toBe(1);
    expect(await ghl.opportunities.pipelines.list()).toHaveLength(1);

    sim.injectFault({ route: 'PUT /opportunities/:id/status', kind: 'dropAfterProcessing' });
    await ghl.opportunities.updateStatus(seeded.id, 'abandoned');
    expect(sim.stats.byRoute['PUT /opportunities/:id/status']).toBe(2);
    sim.injectFault({ route: 'DELETE /opportunities/:id', kind: 'status', status: 502 });
    await ghl.opportunities.delete(seeded.id);
    expect(sim.opportunities.list()).toEqual([]);
  });

  it('an unknown id is a GHLNotFoundError on get, update, updateStatus, upsert and delete', async () => {
    const { ghl, pipeline } = await setup();
    for (const call of [
      () => ghl.opportunities.get('missing-id'),
      () => ghl.opportunities.update('missing-id', { name: 'x' }),
      () => ghl.opportunities.updateStatus('missing-id', 'won'),
      () => ghl.opportunities.upsert({ id: 'missing-id', pipelineId: pipeline.id }),
      () => ghl.opportunities.delete('missing-id'),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(GHLNotFoundError);
    }
  });

  it('list pages through the cursor GHL returns, each page once, and stops at the end', async () => {
    const { sim, ghl } = await setup();
    for (let i = 0; i < 250; i += 1) sim.opportunities.seed({ name: `Deal ${i}` });
    const seen = new Set<string>();
    for await (const opportunity of ghl.opportunities.list()) seen.add(opportunity.id);
    expect(seen.size).toBe(250);
    expect(sim.stats.byRoute['GET /opportunities/search']).toBe(3);
  });

  it('list over 10,000 opportunities: 100 pages of 100, each fetched once, every opportunity once', async () => {
    const { sim, ghl } = await setup();
    for (let i = 0; i < 10_000; i += 1) sim.opportunities.seed({ name: `Deal ${i}` });
    const seen = new Set<string>();
    let count = 0;
    for await (const opportunity of ghl.opportunities.list()) {
      seen.add(opportunity.id);
      count += 1;
    }
    expect({ count, distinct: seen.size }).toEqual({ count: 10_000, distinct: 10_000 });
    expect(sim.stats.byRoute['GET /opportunities/search']).toBe(100);
  }, 30_000);

  it('list honours the signal: an abort ends the loop without another page', async () => {
    const { sim, ghl } = await setup();
    for (let i = 0; i < 30; i += 1) sim.opportunities.seed({ name: `Deal ${i}` });
    const controller = new AbortController();
    let count = 0;
    const loop = async () => {
      for await (const _opportunity of ghl.opportunities.list({ limit: 10 }, { signal: controller.signal })) {
        count += 1;
        if (count === 5) controller.abort();
      }
    };
    await expect(loop()).rejects.toBeInstanceOf(GHLAbortError);
    expect(count).toBe(5);
    expect(sim.stats.byRoute['GET /opportunities/search']).toBe(1);
  });
});
