import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../examples/hono-app/app.js';
import { GHLClient, MemoryTokenStore } from '../../src/index.js';
import type { GHLSimulator, GHLWebhookFaultKind, SimulatedWebhookEvent } from '../../src/testing/index.js';
import type { GHLWebhookEvent } from '../../src/webhooks/index.js';
import { simulator } from '../cli/helpers.js';

const BASE = '/api/integrations/ghl';

/** The example app on a real loopback port, its webhook URL subscribed at the simulator. */
async function runningApp(sim: GHLSimulator) {
  const store = new MemoryTokenStore({ [sim.locationId]: sim.issueTokens() });
  const ghl = new GHLClient({ env: {}, baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, locationId: sim.locationId, tokenStore: store, retry: false });
  const received: GHLWebhookEvent[] = [];
  const app = createApp({
    ghl,
    adminToken: 'admin',
    findUser: () => null,
    webhooks: { publicKeys: sim.webhookPublicKeys, appId: sim.appId },
    onWebhook: (event) => void received.push(event),
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0, overrideGlobalObjects: false });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { app, store, received, origin, webhookUrl: `${origin}${BASE}/webhooks/ghl`, close };
}

/** A varied stream of events: modelled types from every area, and types the SDK does not model. */
function event(i: number, sim: GHLSimulator): SimulatedWebhookEvent {
  const locationId = sim.locationId;
  switch (i % 6) {
    case 0:
      return { type: 'ContactCreate', locationId, id: `contact-${i}`, email: `c${i}@example.com`, tags: ['bulk'] };
    case 1:
      return { type: 'OpportunityStageUpdate', locationId, id: `opp-${i}`, pipelineStageId: 'stage-2', monetaryValue: i };
    case 2:
      return { type: 'AppointmentCreate', locationId, appointment: { id: `appt-${i}`, startTime: '2026-03-02T10:00:00Z' } };
    case 3:
      return { type: 'InboundMessage', locationId, contactId: `contact-${i}`, messageType: 'SMS', body: `hello ${i}` };
    case 4:
      return { type: 'TaskCreate', locationId, id: `task-${i}`, title: 'Call back' };
    default:
      return { type: 'InvoicePaid', locationId, invoiceId: `inv-${i}`, amount: i };
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

describe('examples/hono-app: POST /webhooks/ghl end to end with the simulator', () => {
  // 1,100 real HTTP requests, each signed twice (Ed25519 + RSA) and verified: ~2 s on an idle
  // 2-core machine, more under load, hence the longer timeout.
  it('1,000 signed deliveries (10 % duplicates) → exactly 900 onWebhook calls; 0 of 100 forgeries accepted', { timeout: 60_000 }, async () => {
    const sim = await simulator();
    const app = await runningApp(sim);
    try {
      // 900 distinct events; every 9th is delivered twice (concurrently, same webhookId and bytes): 1,000 requests.
      const deliveries = await inParallel(Array.from({ length: 900 }, (_, i) => i), 16, (i) =>
        sim.webhooks.deliver(app.webhookUrl, event(i, sim), i % 9 === 0 ? { fault: 'duplicate' } : {}),
      );
      const statuses = deliveries.flatMap((delivery) => delivery.statuses);
      expect(statuses).toHaveLength(1_000);
      expect(deliveries.filter((delivery) => delivery.fault === 'duplicate')).toHaveLength(100);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(app.received).toHaveLength(900);
      expect(new Set(app.received.map((received) => received.webhookId)).size).toBe(900);
      expect(new Set(app.received.map((received) => received.webhookId))).toEqual(new Set(deliveries.map((delivery) => delivery.webhookId)));
      expect(new Set(app.received.map((received) => received.type))).toEqual(
        new Set(['ContactCreate', 'OpportunityStageUpdate', 'AppointmentCreate', 'InboundMessage', 'TaskCreate', 'InvoicePaid']),
      );

      // 100 forgeries: tampered signatures, an attacker's key, no signature at all.
      const kinds: GHLWebhookFaultKind[] = ['badSignature', 'wrongKey', 'missingSignature'];
      const forged = await inParallel(Array.from({ length: 100 }, (_, i) => i), 16, (i) =>
        sim.webhooks.deliver(app.webhookUrl, { type: 'ContactDelete', locationId: sim.locationId, id: `victim-${i}` }, { fault: kinds[i % 3]! }),
      );
      expect(forged.flatMap((delivery) => delivery.statuses)).toEqual(new Array(100).fill(401));
      const accepted = app.received.filter((received) => received.type === 'ContactDelete');
      expect(accepted).toHaveLength(0);
      expect(app.received).toHaveLength(900);
    } finally {
      await app.close();
    }
  });

  it('INSTALL → UNINSTALL on the simulator leaves no tokens for that location in the store', async () => {
    const sim = await simulator();
    const app = await runningApp(sim);
    try {
      sim.webhooks.subscribe(app.webhookUrl);
      // The user approves the app for a new location: GHL sends INSTALL and redirects with a code.
      const start = await fetch(`${app.origin}${BASE}/oauth/start`, { redirect: 'manual' });
      const authorize = new URL(start.headers.get('location') ?? '');
      const redirectUri = authorize.searchParams.get('redirect_uri') ?? '';
      const code = sim.issueAuthorizationCode({ locationId: 'loc-installed', redirectUri });
      await sim.webhooks.settled(); // INSTALL arrives before the code exchange…
      expect(app.received).toEqual([]); // …so it waits for the tokens
      expect(await app.store.get('loc-installed')).toBeNull();

      const callback = await fetch(`${redirectUri}?${new URLSearchParams({ code, state: authorize.searchParams.get('state') ?? '' }).toString()}`);
      expect(await callback.json()).toMatchObject({ success: true, location_id: 'loc-installed' });
      expect((await app.store.get('loc-installed'))?.refreshToken).toBe(sim.currentRefreshToken('loc-installed'));
      expect(app.received).toEqual([expect.objectContaining({ type: 'INSTALL', locationId: 'loc-installed', appId: sim.appId })]);

      sim.uninstall({ locationId: 'loc-installed' });
      await sim.webhooks.settled();
      expect(app.received.map((received) => received.type)).toEqual(['INSTALL', 'UNINSTALL']);
      expect(await app.store.get('loc-installed')).toBeNull();
      expect(await app.store.get(sim.locationId)).not.toBeNull(); // the other location is untouched
      expect(sim.webhooks.deliveries.map((delivery) => delivery.statuses)).toEqual([[200], [200]]);
    } finally {
      await app.close();
    }
  });

  it('UNINSTALL first, then a late INSTALL: nothing is left pending or stored', async () => {
    const sim = await simulator();
    const app = await runningApp(sim);
    try {
      sim.webhooks.subscribe(app.webhookUrl);
      sim.issueTokens({ locationId: 'loc-2' }); // INSTALL for a location whose tokens the app never got
      await sim.webhooks.settled();
      sim.uninstall({ locationId: 'loc-2' });
      await sim.webhooks.settled();
      expect(app.received.map((received) => received.type)).toEqual(['UNINSTALL']);
      expect(await app.store.get('loc-2')).toBeNull();
    } finally {
      await app.close();
    }
  });
});
