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

describe('GET /workflows/', () => {
  it("lists the location's workflows; needs locationId (422) and the token's own location (403)", async () => {
    const welcome = sim.workflows.seed({ name: 'Welcome' });
    const draft = sim.workflows.seed({ name: 'Draft', status: 'draft' });
    sim.workflows.seed({ name: 'Elsewhere', locationId: 'other-location' });
    const answer = await call('GET', `/workflows/?locationId=${sim.locationId}`);
    expect(answer.status).toBe(200);
    expect(answer.body.workflows).toEqual([welcome, draft]);
    expect(welcome).toMatchObject({ status: 'published', version: 1, createdAt: expect.any(String) });
    expect((await call('GET', '/workflows/')).status).toBe(422);
    expect((await call('GET', '/workflows/?locationId=other-location')).status).toBe(403);
  });
});
