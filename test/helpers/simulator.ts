import { onTestFinished } from 'vitest';
import { GHLClient } from '../../src/client.js';
import type { GHLClientOptions } from '../../src/options.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { createGHLSimulator, type GHLSimulator, type GHLSimulatorOptions } from '../../src/testing/index.js';

export interface SimulatorClientOptions {
  /** @default `{ rateLimit: false }` */
  sim?: GHLSimulatorOptions;
  client?: GHLClientOptions;
  /** `'oauth'`: a fresh install's pair; `'expired'`: the same with an expired access token; `'pit'`: a Private Integration Token. @default 'oauth' */
  tokens?: 'oauth' | 'expired' | 'pit';
}

/**
 * A simulator on 127.0.0.1, closed when the test ends, and a client of its location with fast
 * retries: the usual subject of end-to-end tests.
 */
export async function simulatorClient(options: SimulatorClientOptions = {}) {
  const sim: GHLSimulator = await createGHLSimulator({ rateLimit: false, ...options.sim });
  onTestFinished(() => sim.close());
  const tokens = options.tokens ?? 'oauth';
  const issued = sim.issueTokens();
  const seed = tokens === 'pit' ? { accessToken: sim.issuePrivateIntegrationToken() } : tokens === 'expired' ? { ...issued, expiresAt: Date.now() - 1 } : issued;
  const store = new MemoryTokenStore({ [sim.locationId]: seed });
  const ghl = new GHLClient({
    locationId: sim.locationId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    baseUrl: sim.url,
    tokenStore: store,
    env: {},
    retry: { retries: 3, minDelayMs: 5, maxDelayMs: 100 },
    // An unlimited simulator states no window to pace to: the client does not pace either.
    ...(options.sim?.rateLimit ? {} : { rateLimit: false as const }),
    ...options.client,
  });
  return { sim, ghl, store, issued };
}
