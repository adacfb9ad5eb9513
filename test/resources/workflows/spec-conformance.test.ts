import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { testClient } from '../../helpers/client.js';
import { GHL_BASE } from '../../helpers/msw-route.js';
import { simulatorClient } from '../../helpers/simulator.js';
import { server } from '../../msw.js';
import { checkRequest, expectSpecConformance, recordRequests, specExampleResponses } from '../../spec-conformance.js';

describe('workflows: spec/apps/workflows.json', () => {
  it('list conforms: path, Version, query', async () => {
    const recorder = recordRequests();
    const { ghl, sim } = await simulatorClient({ tokens: 'pit', client: { fetch: recorder.fetch } });
    sim.workflows.seed({ name: 'Welcome' });
    expect(await ghl.workflows.list()).toHaveLength(1);
    expectSpecConformance(recorder.requests);
    expect(recorder.requests.map((request) => checkRequest(request).operation)).toEqual(['GET /workflows/']);
  });

  it("the spec's example answer parses through list", async () => {
    const [example] = specExampleResponses('get', '/workflows/');
    server.use(http.get(`${GHL_BASE}/workflows/`, () => HttpResponse.json(example?.body as JsonBodyType, { status: Number(example?.status) })));
    expect((await testClient().workflows.list())[0]?.id).toEqual(expect.any(String));
  });
});
