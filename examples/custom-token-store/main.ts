/**
 * A custom token store in use: `npx tsx examples/custom-token-store/main.ts`. Checks `KvTokenStore`
 * with `verifyTokenStore`, then runs two clients with separate store instances over one KV (as two
 * processes would) against the GHL simulator: 20 concurrent calls on an expired token, then 20 more
 * after GHL revoked the access token early. Each time exactly one refresh happens.
 */
import { pathToFileURL } from 'node:url';
import { GHLClient } from 'ghl-sdk';
import { createGHLSimulator, verifyTokenStore, type StoreReport } from 'ghl-sdk/testing';
import { MemoryKv } from './kv-client.js';
import { KvTokenStore } from './kv-token-store.js';

export interface ExampleResult {
  report: StoreReport;
  /** Token requests GHL saw for each round of 20 concurrent calls. */
  tokenRequestsPerRound: number[];
  invalidGrants: number;
  /** The KV holds the refresh token GHL considers live. */
  storeInSync: boolean;
}

/** Runs the example, logging what happens. */
export async function runExample(log: (line: string) => void = console.log): Promise<ExampleResult> {
  const kv = new MemoryKv();
  const report = await verifyTokenStore(new KvTokenStore(kv));
  log(`verifyTokenStore: ${report.checks.filter((c) => c.ok).length}/${report.checks.length} checks passed`);

  const sim = await createGHLSimulator();
  try {
    // Installed, with an access token that has already expired: the first calls must refresh.
    await new KvTokenStore(kv).set(sim.locationId, sim.issueTokens({ accessTokenTtlMs: 0 }));
    const clients = [1, 2].map(
      () =>
        new GHLClient({
          env: {},
          baseUrl: sim.url,
          clientId: sim.clientId,
          clientSecret: sim.clientSecret,
          locationId: sim.locationId,
          // A store instance per client: nothing in-process is shared, only the KV (and its lock).
          tokenStore: new KvTokenStore(kv),
        }),
    );
    const round = async (label: string) => {
      const before = sim.stats.tokenRequests;
      await Promise.all(clients.flatMap((ghl) => Array.from({ length: 10 }, () => ghl.contacts.search({ pageLimit: 1 }))));
      const tokenRequests = sim.stats.tokenRequests - before;
      log(`${label}: 20 concurrent calls from 2 clients, ${tokenRequests} token request(s)`);
      return tokenRequests;
    };
    const tokenRequestsPerRound = [await round('expired token')];
    sim.expireAccessTokens();
    tokenRequestsPerRound.push(await round('token revoked early (401s)'));

    const stored = await new KvTokenStore(kv).get(sim.locationId);
    const storeInSync = stored?.refreshToken === sim.currentRefreshToken();
    log(`invalid_grant: ${sim.stats.invalidGrants}; the KV holds GHL's live refresh token: ${storeInSync ? 'yes' : 'NO'}`);
    return { report, tokenRequestsPerRound, invalidGrants: sim.stats.invalidGrants, storeInSync };
  } finally {
    await sim.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runExample();
  process.exitCode = result.report.ok && result.storeInSync && result.invalidGrants === 0 ? 0 : 1;
}
