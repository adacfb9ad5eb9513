import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLResponseError } from '../../../src/errors.js';
import { testClient } from '../../helpers/client.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

// The opportunities resource held to GHL's own spec (spec/apps/opportunities.json): what it sends,
// and what it accepts back.

describe('opportunities: every request conforms to spec/apps/opportunities.json', () => {
  it('pipelines.list, create, get, update, updateStatus, upsert, search, list and delete: path, Version, query and body fields', async () => {
    const recorder = recordRequests();
    const { sim, ghl } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });
    const contact = sim.contacts.seed({ email: 'ada@example.com' });

    const [pipeline] = await ghl.opportunities.pipelines.list();
    const pipelineId = pipeline?.id as string;
    const stageId = pipeline?.stages?.[1]?.id as string;
    const created = await ghl.opportunities.create({
      pipelineId,
      name: 'Engines',
      status: 'open',
      contactId: contact.id,
      pipelineStageId: stageId,
      monetaryValue: 220,
      assignedTo: 'user-1',
      customFields: [{ id: 'cf-1', field_value: 'gold' }, { key: 'tags', field_value: ['a', 'b'] }, { id: 'cf-3', field_value: { any: 1 } }],
    });
    await ghl.opportunities.get(created.id);
    await ghl.opportunities.update(created.id, { name: 'Engines II', pipelineId, pipelineStageId: stageId, status: 'open', monetaryValue: 0, assignedTo: 'user-2', customFields: [{ key: 'plan', field_value: 'pro' }] });
    await ghl.opportunities.updateStatus(created.id, 'won');
    await ghl.opportunities.upsert({
      id: created.id,
      pipelineId,
      name: 'Engines III',
      status: 'lost',
      pipelineStageId: stageId,
      monetaryValue: 10,
      assignedTo: 'user-3',
      lostReasonId: 'reason-1',
      followers: ['user-4'],
      followersActionType: 'add',
      isRemoveAllFollowers: false,
    });
    const page = await ghl.opportunities.search({
      query: 'engines',
      pipelineId,
      pipelineStageId: stageId,
      contactId: contact.id,
      status: 'all',
      assignedTo: 'user-3',
      campaignId: 'camp-1',
      id: created.id,
      order: 'added_asc',
      date: '01-01-2020',
      endDate: '12-31-2099',
      country: 'US',
      limit: 5,
      getTasks: false,
      getNotes: false,
      getCalendarEvents: false,
    });
    expect(page.total).toBeGreaterThanOrEqual(0);
    await ghl.opportunities.search({ page: 2, limit: 1 });
    await ghl.opportunities.search({ startAfter: '1625203104328', startAfterId: created.id });
    for await (const opportunity of ghl.opportunities.list({ limit: 1 })) expect(opportunity.id).toBe(created.id);
    await ghl.opportunities.delete(created.id);

    expectSpecConformance(recorder.requests);
    expect(new Set(recorder.requests.map((request) => checkRequest(request).operation))).toEqual(
      new Set([
        'GET /opportunities/pipelines',
        'POST /opportunities/',
        'GET /opportunities/{id}',
        'PUT /opportunities/{id}',
        'PUT /opportunities/{id}/status',
        'POST /opportunities/upsert',
        'GET /opportunities/search',
        'DELETE /opportunities/{id}',
      ]),
    );
    // locationId is sent once, where each operation wants it.
    const search = recorder.requests.find((request) => request.url.includes('/opportunities/search'));
    expect(new URL(search?.url as string).searchParams.getAll('location_id')).toEqual([sim.locationId]);
    const pipelines = recorder.requests.find((request) => request.url.includes('/opportunities/pipelines'));
    expect(new URL(pipelines?.url as string).searchParams.getAll('locationId')).toEqual([sim.locationId]);
    const put = recorder.requests.find((request) => request.method === 'PUT' && !request.url.endsWith('/status'));
    expect(put?.body).not.toHaveProperty('locationId');
  });
});

describe('opportunities: every spec example answer parses through the resource', () => {
  const BASE = 'https://services.leadconnectorhq.com';

  /** Answers `method template` (msw route syntax) with `body`, or the spec's first 2xx example for it. */
  function answerWithExample(method: 'get' | 'post' | 'put' | 'delete', template: string, transform: (body: Record<string, unknown>) => unknown = (body) => body): void {
    const [example] = specExampleResponses(method, template);
    expect(example, `${method} ${template} has an example answer`).toBeDefined();
    server.use(
      http[method](`${BASE}${template.replace(/\{([^}]+)\}/g, ':$1')}`, () => HttpResponse.json(transform(example?.body as Record<string, unknown>) as JsonBodyType, { status: Number(example?.status) })),
    );
  }

  it('pipelines.list, create, get, update, updateStatus, delete and search', async () => {
    // msw tries the handler registered last first: the `{id}` routes go in before the literal paths.
    answerWithExample('get', '/opportunities/{id}');
    answerWithExample('put', '/opportunities/{id}');
    answerWithExample('put', '/opportunities/{id}/status');
    answerWithExample('delete', '/opportunities/{id}');
    answerWithExample('post', '/opportunities/');
    answerWithExample('get', '/opportunities/pipelines');
    answerWithExample('get', '/opportunities/search');
    const ghl = testClient();
    const create = { pipelineId: 'p-1', name: 'Deal', status: 'open' as const, contactId: 'c-1' };

    // The example's stages are `[[]]` (the spec types them as arrays); they are passed through as sent.
    expect((await ghl.opportunities.pipelines.list())[0]?.id).toBe('aWdODOBVOlH1RUFKWQke');
    expect((await ghl.opportunities.create(create)).id).toBe('yWQobCRIhRguQtD2llvk');
    expect((await ghl.opportunities.get('o-1')).id).toBe('yWQobCRIhRguQtD2llvk');
    expect((await ghl.opportunities.update('o-1', { name: 'x' })).id).toBe('yWQobCRIhRguQtD2llvk');
    await expect(ghl.opportunities.updateStatus('o-1', 'won')).resolves.toBeUndefined();
    await expect(ghl.opportunities.delete('o-1')).resolves.toBeUndefined();
    expect(await ghl.opportunities.search()).toEqual({
      opportunities: [expect.objectContaining({ id: 'yWQobCRIhRguQtD2llvk' })],
      total: 1,
      next: { startAfter: '1625203104328', startAfterId: 'yWQobCRIhRguQtD2llvk' },
    });
  });

  it('upsert: the assembled example lacks the `opportunity` its schema requires (the spec gives that object no example); with one it parses', async () => {
    const [example] = specExampleResponses('post', '/opportunities/upsert');
    expect(example?.body).toEqual({ new: true });
    answerWithExample('post', '/opportunities/upsert');
    const ghl = testClient();
    await expect(ghl.opportunities.upsert({ pipelineId: 'p-1', name: 'Deal' })).rejects.toBeInstanceOf(GHLResponseError);

    answerWithExample('post', '/opportunities/upsert', (body) => ({ ...body, opportunity: (specExampleResponses('get', '/opportunities/{id}')[0]?.body as { opportunity: unknown }).opportunity }));
    expect(await ghl.opportunities.upsert({ pipelineId: 'p-1', name: 'Deal' })).toEqual({ created: true, opportunity: expect.objectContaining({ id: 'yWQobCRIhRguQtD2llvk' }) });
  });
});
