import { ghlSdk, naiveClient, officialSdk, type BenchClient } from './lib/clients.js';
import type { RemoteSim } from './lib/sim.js';
import { fixed } from './lib/format.js';
import { withTimeout } from './lib/measure.js';
import type { BenchOutput, Table } from './lib/output.js';
import type { IssuedTokens } from '../src/testing/index.js';

type Kind = 'expiring' | 'always' | 'official' | 'naive';
const KINDS: Kind[] = ['expiring', 'always', 'official', 'naive'];

async function make(kind: Kind, sim: RemoteSim, tokens: IssuedTokens, expired: boolean): Promise<BenchClient> {
  if (kind === 'expiring' || kind === 'always') return ghlSdk(sim, tokens, kind);
  if (kind === 'official') return officialSdk(sim, tokens, { refreshable: true, expired });
  return naiveClient(sim, tokens);
}

/** HTTP requests the simulator saw (API + token endpoint) since the last reset. */
async function requests(sim: RemoteSim): Promise<{ total: number; token: number; unauthorized: number; invalidGrants: number }> {
  const stats = await sim.stats();
  return { total: stats.apiRequests + stats.tokenRequests, token: stats.tokenRequests, unauthorized: stats.unauthorized, invalidGrants: stats.invalidGrants };
}

/**
 * §1 Round trips: HTTP requests per `contacts.get`, counted by the simulator, in steady state, on
 * the call that crosses a token expiry the client knows of, averaged over a window of calls that
 * starts at that expiry, and on the call after the server expired the token early (the 401 path).
 */
export async function roundTrips(sim: RemoteSim, options: { calls: number }): Promise<BenchOutput> {
  const { calls } = options;
  const [contactId] = await sim.seedContacts(1);
  const id = contactId as string;
  const rows: string[][] = [];
  const results = new Map<Kind, { steady: number; crossing: number; window: number; after401: number; failed: number; name: string }>();

  for (const kind of KINDS) {
    let failed = 0;
    const call = async (client: BenchClient): Promise<void> => {
      await withTimeout(client.get(id), 30_000, `${client.name} contacts.get`).catch(() => {
        failed += 1;
      });
    };

    // Steady state: a valid token, one warm-up call, then `calls` calls.
    const steadyClient = await make(kind, sim, await sim.issueTokens(), false);
    await call(steadyClient);
    await sim.resetStats();
    for (let i = 0; i < calls; i++) await call(steadyClient);
    const steady = (await requests(sim)).total / calls;

    // A token the client knows has expired: the crossing call, then the rest of the window.
    const expiredClient = await make(kind, sim, await sim.issueTokens({ accessTokenTtlMs: 0 }), true);
    await sim.resetStats();
    await call(expiredClient);
    const crossing = (await requests(sim)).total;
    for (let i = 1; i < calls; i++) await call(expiredClient);
    const window = (await requests(sim)).total / calls;

    // The server expired the token early (revocation, clock skew): the client learns it from a 401.
    const earlyClient = await make(kind, sim, await sim.issueTokens(), false);
    await call(earlyClient);
    await sim.expireAccessTokens();
    await sim.resetStats();
    await call(earlyClient);
    const after = await requests(sim);

    results.set(kind, { steady, crossing, window, after401: after.total, failed, name: steadyClient.name });
    rows.push([steadyClient.name, fixed(steady), String(crossing), fixed(window), `${after.total} (${after.unauthorized} × 401)`, String(failed)]);
  }

  const table: Table = {
    columns: ['client', 'steady state, requests/call', 'call crossing a known expiry', `${calls} calls starting at an expiry, requests/call`, 'call after a server-side expiry', 'failed calls'],
    rows,
  };
  const expiring = results.get('expiring');
  const official = results.get('official');
  const naive = results.get('naive');
  const met = expiring !== undefined && expiring.steady === 1 && expiring.failed === 0;
  return {
    section: {
      id: 'round-trips',
      title: '1. Round trips per `contacts.get`',
      method:
        `HTTP requests the simulator received (API + \`POST /oauth/token\`) per \`contacts.get\`, one client at a time, sequential calls (${calls} per window). ` +
        'The official SDK runs its OAuth flow (MemorySessionStorage with the refresh token; `{ headers: { locationId } }` selects the session), so it refreshes against the simulator too.',
      goal: "1.00 request/call in steady state with 'expiring'",
      met,
      tables: [table],
      notes: [
        "'always' and the naive client pay a token request on every call (2.00); 'expiring' and the official SDK pay one only when the token is stale.",
        'A server-side expiry the client could not know of costs 3 requests (401, refresh, replay) for both SDKs; the naive client hides it by refreshing every time.',
      ],
    },
    headlines: [
      {
        metric: 'Requests per `contacts.get`, steady state',
        goal: '1.00',
        met,
        ghl: `${fixed(expiring?.steady ?? Number.NaN)} ('expiring'), ${fixed(results.get('always')?.steady ?? Number.NaN)} ('always')`,
        official: fixed(official?.steady ?? Number.NaN),
        other: `naive: ${fixed(naive?.steady ?? Number.NaN)}`,
      },
    ],
    chart: [
      {
        title: 'HTTP requests per contacts.get (steady state)',
        better: 'lower',
        bars: KINDS.map((kind) => {
          const value = results.get(kind)?.steady ?? Number.NaN;
          return { label: results.get(kind)?.name ?? kind, value, text: fixed(value) };
        }),
      },
    ],
  };
}
