import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { createGHLSimulator } from '../../src/testing/index.js';
import { createWebhookHandler, type GHLWebhookEvent } from '../../src/webhooks/index.js';

describe('an agency install end to end: INSTALL webhook, code exchange, provision', () => {
  it('the INSTALL that beats the code exchange waits for company:<id>, then onInstall provisions every location', async () => {
    const sim = await createGHLSimulator({ rateLimit: false });
    onTestFinished(() => sim.close());
    const locationIds = sim.agency.addLocations(4).map((location) => location.id);
    const store = new MemoryTokenStore();
    const company = GHLClient.forCompany({ companyId: sim.companyId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {}, rateLimit: false });
    const installs: GHLWebhookEvent[] = [];
    const provisioned: string[][] = [];
    const webhooks = createWebhookHandler({
      publicKeys: sim.webhookPublicKeys,
      tokenStore: store,
      on: {
        INSTALL: async (event) => {
          installs.push(event);
          provisioned.push((await company.provision()).ok);
        },
      },
    });
    const server = createServer((req, res) => void webhooks.node(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    sim.webhooks.subscribe(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/ghl`);

    const code = sim.agency.bulkInstall(); // GHL sends INSTALL at once, before the app's callback runs
    await sim.webhooks.settled();
    expect(webhooks.pendingInstalls()).toEqual([`company:${sim.companyId}`]);
    expect(installs).toEqual([]);

    const exchanged = await company.oauth.exchangeCode(code);
    expect(await webhooks.tokensSaved(exchanged.key)).toBe(true);
    expect(installs.map((event) => event.type)).toEqual(['INSTALL']);
    expect(provisioned[0]?.sort()).toEqual([...locationIds].sort());
    expect(Object.values(sim.stats.locationTokenMints)).toEqual(locationIds.map(() => 1));
  });
});
