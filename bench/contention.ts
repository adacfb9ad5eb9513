import { ghlSdk, naiveClient, officialSdk, type BenchClient } from './lib/clients.js';
import type { RemoteSim } from './lib/sim.js';
import { int } from './lib/format.js';
import { withTimeout } from './lib/measure.js';
import type { BenchOutput } from './lib/output.js';

type Kind = 'expiring' | 'always' | 'official' | 'naive';
const KINDS: Kind[] = ['expiring', 'always', 'official', 'naive'];

/**
 * §2 Refresh under contention: `calls` concurrent `contacts.get` on one client whose access token
 * has expired (rotating, single-use refresh tokens, as GHL). Counts token requests and
 * `invalid_grant` answers at the simulator, and calls that succeeded.
 */
export async function contention(sim: RemoteSim, options: { calls: number }): Promise<BenchOutput> {
  const { calls } = options;
  const ids = await sim.seedContacts(Math.min(calls, 50));
  const rows: string[][] = [];
  const results = new Map<Kind, { name: string; tokenRequests: number; invalidGrants: number; ok: number; failed: number; ms: number }>();

  // Warm-up with valid tokens: the connection pools (undici's for fetch, node:http's for axios) are
  // opened once here, so no row's wall time pays for opening them.
  const warm = await sim.issueTokens();
  for (const client of [await ghlSdk(sim, warm, 'expiring'), await officialSdk(sim, warm, { refreshable: false })]) {
    await withTimeout(Promise.allSettled(Array.from({ length: calls }, (_, i) => client.get(ids[i % ids.length] as string))), 120_000, 'warm-up');
  }

  for (const kind of KINDS) {
    const tokens = await sim.issueTokens({ accessTokenTtlMs: 0 });
    const client: BenchClient =
      kind === 'official'
        ? await officialSdk(sim, tokens, { refreshable: true, expired: true })
        : kind === 'naive'
          ? naiveClient(sim, tokens)
          : await ghlSdk(sim, tokens, kind);
    await sim.resetStats();
    const started = performance.now();
    const settled = await withTimeout(
      Promise.allSettled(Array.from({ length: calls }, (_, i) => client.get(ids[i % ids.length] as string))),
      120_000,
      `${calls} concurrent calls (${client.name})`,
    );
    const ms = performance.now() - started;
    const stats = await sim.stats();
    const ok = settled.filter((result) => result.status === 'fulfilled').length;
    results.set(kind, { name: client.name, tokenRequests: stats.tokenRequests, invalidGrants: stats.invalidGrants, ok, failed: calls - ok, ms });
    rows.push([client.name, int(stats.tokenRequests), int(stats.invalidGrants), int(stats.apiRequests), `${int(ok)} / ${int(calls)}`, int(ms)]);
  }

  const ours = results.get('expiring');
  const always = results.get('always');
  const met = [ours, always].every((r) => r !== undefined && r.tokenRequests === 1 && r.invalidGrants === 0 && r.failed === 0);
  const official = results.get('official');
  const naive = results.get('naive');
  return {
    section: {
      id: 'contention',
      title: `2. Refresh under contention: ${int(calls)} concurrent calls on an expired token`,
      method: `One client per row, a fresh install whose access token is already expired, then ${int(calls)} \`contacts.get\` at once. Counted by the simulator. Connection pools are warmed first, so the wall times compare the clients, not socket setup.`,
      goal: 'exactly 1 token request and 0 invalid grants for ghl-sdk',
      met,
      tables: [
        {
          columns: ['client', 'token requests', 'invalid_grant answers', 'API requests', 'calls that succeeded', 'wall time, ms'],
          rows,
        },
      ],
      notes: [
        'ghl-sdk: single-flight per store key inside a mutex; the rotated refresh token is saved before any caller gets the new access token.',
        'The official SDK shares one in-flight refresh per resource id in one process (docs/peers.md §1), so it also makes one request here; it has no cross-process coordination.',
        'The naive client sends the same single-use refresh token once per call: the first wins, every other call gets `invalid_grant` and fails.',
      ],
    },
    headlines: [
      {
        metric: `Token requests for ${int(calls)} concurrent calls on an expired token`,
        goal: '1, 0 invalid grants',
        met,
        ghl: `${int(ours?.tokenRequests ?? Number.NaN)} (${int(ours?.invalidGrants ?? Number.NaN)} invalid)`,
        official: `${int(official?.tokenRequests ?? Number.NaN)} (${int(official?.invalidGrants ?? Number.NaN)} invalid)`,
        other: `naive: ${int(naive?.tokenRequests ?? Number.NaN)} (${int(naive?.invalidGrants ?? Number.NaN)} invalid, ${int(naive?.failed ?? Number.NaN)} calls failed)`,
      },
    ],
    chart: [
      {
        title: `Token requests, ${int(calls)} concurrent calls on an expired token`,
        better: 'lower',
        bars: KINDS.map((kind) => {
          const value = results.get(kind)?.tokenRequests ?? Number.NaN;
          return { label: results.get(kind)?.name ?? kind, value, text: int(value) };
        }),
      },
    ],
  };
}
