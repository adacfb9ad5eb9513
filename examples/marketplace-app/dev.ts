/**
 * `npm run example:app`: the marketplace app and a simulated GHL together, no GHL account needed.
 * Prints the URL to open; Ctrl-C stops both. PORT picks the app's port (default 3000, 0 = any).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GHLLogger } from 'ghl-sdk';
import { createGHLSimulator, type GHLSimulator, type GHLSimulatorOptions } from 'ghl-sdk/testing';
import { startMarketplaceApp, type RunningApp } from './server.js';

export interface Demo {
  sim: GHLSimulator;
  app: RunningApp;
  close(): Promise<void>;
}

/** A simulator and the app wired to it: tokens in a fresh temp file, GHL's webhooks to the app. */
export async function startDemo(options: { port?: number; sim?: GHLSimulatorOptions; logger?: GHLLogger } = {}): Promise<Demo> {
  // A little latency, so the sync's progress is visible as it goes.
  const sim = await createGHLSimulator({ appName: 'ghl-sdk Marketplace Demo', latencyMs: 20, ...options.sim });
  const dir = await mkdtemp(join(tmpdir(), 'ghl-marketplace-app-'));
  const app = await startMarketplaceApp({
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    tokenFile: join(dir, 'tokens.json'),
    port: options.port ?? 3000,
    baseUrl: sim.url,
    authorizationBaseUrl: sim.url,
    appName: 'ghl-sdk Marketplace Demo',
    // The simulator signs with its own keys, not GHL's.
    webhooks: { publicKeys: sim.webhookPublicKeys, appId: sim.appId },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  sim.webhooks.subscribe(`${app.url}/webhooks/ghl`);
  return {
    sim,
    app,
    close: async () => {
      await app.close();
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const demo = await startDemo({ port: Number(process.env['PORT'] ?? 3000) });
  console.log(`Simulated GHL: ${demo.sim.url}`);
  console.log(`Marketplace app: ${demo.app.url}  (open it and click "Connect HighLevel")`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
