import { describe, expect, it } from 'vitest';
import { simulatorClient } from '../../helpers/simulator.js';

describe('workflows end to end', () => {
  it("list answers the location's workflows, retried after a 429", async () => {
    const { ghl, sim } = await simulatorClient();
    const welcome = sim.workflows.seed({ name: 'Welcome' });
    sim.workflows.seed({ name: 'Elsewhere', locationId: 'other-location' });
    sim.injectFault({ route: 'GET /workflows/', kind: 'rateLimit', retryAfterSeconds: 0 });
    expect(await ghl.workflows.list()).toEqual([welcome]);
    expect(sim.stats.byRoute['GET /workflows/']).toBe(2);
  });
});
