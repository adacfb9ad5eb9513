import { createRequire } from 'node:module';
import pLimit from 'p-limit';
import { int } from './lib/format.js';
import { liveHeap, withTimeout } from './lib/measure.js';
import type { BenchOutput } from './lib/output.js';
import { loadSdk, ROOT } from './lib/paths.js';
import { startSim, type RemoteSim } from './lib/sim.js';

/** GHL's window scaled from 100 per 10 s to 100 per 1 s, so a run takes seconds, not minutes. */
const WINDOW = { max: 100, intervalMs: 1_000 };
const CEILING_PER_SEC = (WINDOW.max * 1_000) / WINDOW.intervalMs;

/**
 * The share of what the window lets through in `ms`: a full window at the start, then `max` per
 * interval, i.e. `max × (1 + ms / intervalMs)` requests. Dividing by `ms` alone would count the
 * opening burst as throughput and put a short run above 100 %.
 */
const shareOfCeiling = (accepted: number, ms: number) => accepted / (WINDOW.max * (1 + ms / WINDOW.intervalMs));

type Sdk = Awaited<ReturnType<typeof loadSdk>>;
type AppUser = { email: string; name: string };

interface Run {
  name: string;
  /** Rows GHL holds afterwards (distinct emails) out of those asked for. */
  synced: number;
  failed: number;
  rateLimited: number;
  duplicates: number;
  /** Requests GHL accepted. */
  accepted: number;
  /** Requests GHL accepted, per second of the run. */
  requestsPerSec: number;
  usersPerSec: number;
  ms: number;
}

const users = (n: number): AppUser[] => Array.from({ length: n }, (_, i) => ({ email: `bulk${i}@example.com`, name: `Bulk User${i}` }));

async function ghlClient(sdk: Sdk, sim: RemoteSim, paced: boolean) {
  const tokens = await sim.issueTokens();
  return new sdk.GHLClient({
    locationId: sim.locationId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    tokenStore: new sdk.MemoryTokenStore({ [sim.locationId]: tokens }),
    baseUrl: sim.url,
    env: {},
    // The scaled window, as GHL's headers would state it; `false`: the SDK's pacing off.
    rateLimit: paced ? { window: WINDOW } : false,
  });
}

/** The official SDK's cheapest path (a static location token), its 429 retry left at its default. */
function officialClient(sim: RemoteSim, accessToken: string) {
  const { HighLevel } = createRequire(`${ROOT}/package.json`)('@gohighlevel/api-client') as typeof import('@gohighlevel/api-client');
  const hl = new HighLevel({ clientId: sim.clientId, clientSecret: sim.clientSecret, apiVersion: '2021-07-28', logLevel: 'none', locationAccessToken: accessToken });
  hl.getHttpClient().defaults.baseURL = sim.url;
  return hl;
}

async function measure(name: string, count: number, run: (sim: RemoteSim) => Promise<number>): Promise<Run> {
  const sim = await startSim({ rateLimit: WINDOW });
  try {
    const started = performance.now();
    const failed = await withTimeout(run(sim), 600_000, name);
    const ms = performance.now() - started;
    const stats = await sim.stats();
    const counts = await sim.contactCounts();
    const accepted = stats.apiRequests - stats.rateLimited;
    return {
      name,
      synced: counts.uniqueEmails,
      failed,
      rateLimited: stats.rateLimited,
      duplicates: counts.contacts - counts.uniqueEmails,
      accepted,
      requestsPerSec: accepted / (ms / 1000),
      usersPerSec: counts.uniqueEmails / (ms / 1000),
      ms,
    };
  } finally {
    await sim.close();
  }
}

const rejected = (settled: PromiseSettledResult<unknown>[]) => settled.filter((r) => r.status === 'rejected').length;

/**
 * §6 Bulk sync at GHL's ceiling: `count` users into one location of a simulator that enforces a
 * 100-per-second sliding window, by ghl-sdk's `sync.users` and, in the same run, the usual ways to
 * do it by hand and the official SDK. Each user is an upsert plus a tag call (the official SDK: the
 * upsert only, it has no tag merge).
 */
export async function bulk(options: { users: number; memoryUsers: number }): Promise<BenchOutput> {
  const sdk = await loadSdk();
  const rows = users(options.users);
  const runs: Run[] = [];
  const add = async (name: string, run: (sim: RemoteSim) => Promise<number>) => {
    process.stdout.write(`\n  ${name}… `);
    runs.push(await measure(name, rows.length, run));
  };

  await add('ghl-sdk sync.users (concurrency 10)', async (sim) => {
    const report = await (await ghlClient(sdk, sim, true)).sync.users(rows, { concurrency: 10 });
    return report.failed.length;
  });
  await add('Promise.all over sync.user (paced by default)', async (sim) => {
    const ghl = await ghlClient(sdk, sim, true);
    return rejected(await Promise.allSettled(rows.map((user) => ghl.sync.user(user))));
  });
  await add('p-limit(10) over sync.user (paced by default)', async (sim) => {
    const ghl = await ghlClient(sdk, sim, true);
    const limit = pLimit(10);
    return rejected(await Promise.allSettled(rows.map((user) => limit(() => ghl.sync.user(user)))));
  });
  await add('Promise.all over sync.user, rateLimit: false', async (sim) => {
    const ghl = await ghlClient(sdk, sim, false);
    return rejected(await Promise.allSettled(rows.map((user) => ghl.sync.user(user))));
  });
  await add('p-limit(10) over sync.user, rateLimit: false', async (sim) => {
    const ghl = await ghlClient(sdk, sim, false);
    const limit = pLimit(10);
    return rejected(await Promise.allSettled(rows.map((user) => limit(() => ghl.sync.user(user)))));
  });
  await add('@gohighlevel/api-client upsertContact in Promise.all', async (sim) => {
    const hl = officialClient(sim, (await sim.issueTokens()).accessToken);
    return rejected(await Promise.allSettled(rows.map((user) => hl.contacts.upsertContact({ locationId: sim.locationId, email: user.email, name: user.name }))));
  });
  const memory = await heapDuringSync(sdk, options.memoryUsers);
  process.stdout.write('\n  ');

  const ours = runs[0] as Run;
  const share = shareOfCeiling(ours.accepted, ours.ms);
  const met = share >= 0.95 && ours.rateLimited === 0 && ours.duplicates === 0 && ours.synced === rows.length && ours.failed === 0;
  const official = runs.at(-1) as Run;
  const heapAt = (tenth: number) => memory.samples[tenth - 1] ?? Number.NaN;
  const heapGrowth = heapAt(10) - heapAt(1);
  const heapPeak = Math.max(...memory.samples);
  const flat = memory.samples.length === 10 && heapGrowth < FLAT_MB * 1_048_576;
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  return {
    section: {
      id: 'bulk',
      title: `6. Bulk sync at GHL's ceiling: ${int(rows.length)} users, window scaled to ${WINDOW.max} per ${WINDOW.intervalMs / 1000} s`,
      method: `A fresh simulator per row, enforcing a sliding ${WINDOW.max}-per-${WINDOW.intervalMs} ms window per location (429 + Retry-After beyond it). Each user is an upsert plus an add-tags call (the official SDK: the upsert alone). Throughput counts requests GHL accepted; "of the ceiling" divides them by what the window allows over the run, a full window at the start plus ${WINDOW.max} per ${WINDOW.intervalMs} ms after it. Duplicates are contacts beyond one per email; "synced" counts distinct emails GHL holds.`,
      goal: `sync.users sustains ≥ 95 % of the window's ceiling (${CEILING_PER_SEC} requests/s), 0 responses 429, 0 duplicates, ${int(rows.length)} of ${int(rows.length)} synced`,
      met,
      tables: [
        {
          columns: ['client', 'accepted requests/s', 'of the ceiling', 'users/s', 'responses 429', 'failed', 'duplicates', 'synced', 'wall time (s)'],
          rows: runs.map((r) => [
            r.name,
            r.requestsPerSec.toFixed(1),
            pct(shareOfCeiling(r.accepted, r.ms)),
            r.usersPerSec.toFixed(1),
            int(r.rateLimited),
            int(r.failed),
            int(r.duplicates),
            `${int(r.synced)} / ${int(rows.length)}`,
            (r.ms / 1000).toFixed(1),
          ]),
        },
        {
          caption: `Memory: sync.users over ${int(options.memoryUsers)} users from an async generator (upsert only, pacing off, so the run is CPU-bound); the reachable heap after a full collection at every 10 %. Goal: flat, growing less than ${FLAT_MB} MB from 10 % to the end.`,
          columns: ['users', 'heap at 10 %', 'at 50 %', 'at the end', 'growth (end − 10 %)', 'peak', 'flat', 'wall time (s)'],
          rows: [[int(options.memoryUsers), mb(heapAt(1)), mb(heapAt(5)), mb(heapAt(10)), mb(heapGrowth), mb(heapPeak), flat ? 'yes' : 'no', (memory.ms / 1000).toFixed(1)]],
        },
      ],
      notes: [
        'The pacing is the SDK default: every ghl-sdk client paces to its location\'s window, so even `Promise.all` over `sync.user` meets no 429; `rateLimit: false` shows what the window does to unpaced calls (each 429 waits Retry-After and is retried up to 3 times).',
        'The client holds each slot a window (plus 1 % for clock rounding) after the response came back: GHL counts a request when it arrives, somewhere between the moment it left and its answer, so that is the earliest moment the slot is provably free (docs/architecture.md, "Rate limiting"). The response time is therefore the part of the ceiling it leaves unused.',
      ],
    },
    headlines: [
      {
        metric: `bulk sync, ${int(rows.length)} users at 100 req/s`,
        goal: '≥ 95 % of the ceiling, 0 × 429',
        met,
        ghl: `${pct(share)}, ${int(ours.rateLimited)} × 429`,
        official: `${int(official.failed)} failed, ${int(official.rateLimited)} × 429`,
        other: '',
      },
      {
        metric: `sync.users over ${int(options.memoryUsers)} streamed users: reachable heap`,
        goal: `flat (grows < ${FLAT_MB} MB from 10 % to the end)`,
        met: flat,
        ghl: `grows ${mb(heapGrowth)}, peak ${mb(heapPeak)}`,
        official: 'n/a (no bulk path)',
        other: '',
      },
    ],
    chart: [
      {
        title: `Bulk sync: accepted requests/s (ceiling ${CEILING_PER_SEC})`,
        better: 'higher',
        bars: runs.map((r) => ({ label: r.name, value: r.requestsPerSec, text: r.requestsPerSec.toFixed(0) })),
      },
    ],
  };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Flat means nothing is kept per user: over the 90 % of the run after the first 10 %, the reachable
 * heap may move by less than this (under 25 bytes per user at 100,000 users; GC and JIT noise is
 * about 1 MB).
 */
const FLAT_MB = 2;

interface HeapRun {
  /** Reachable heap (after a full collection) at 10 %, 20 %, … 100 % of the users. */
  samples: number[];
  ms: number;
}

/** Reachable heap while `sync.users` streams `count` users from an async generator into an unlimited simulator. */
async function heapDuringSync(sdk: Sdk, count: number): Promise<HeapRun> {
  const sim = await startSim({ rateLimit: false });
  try {
    const tokens = await sim.issueTokens();
    const ghl = new sdk.GHLClient({ locationId: sim.locationId, tokenStore: new sdk.MemoryTokenStore({ [sim.locationId]: tokens }), baseUrl: sim.url, env: {}, rateLimit: false });
    async function* generate(): AsyncGenerator<AppUser> {
      for (let i = 0; i < count; i++) yield { email: `mem${i}@example.com`, name: `Mem ${i}` };
    }
    const step = Math.max(1, Math.floor(count / 10));
    const samples: number[] = [];
    const started = performance.now();
    await ghl.sync.users(generate(), {
      syncType: 'basic',
      tags: [],
      concurrency: 10,
      total: count,
      onProgress: (p) => {
        if (p.done % step === 0 && samples.length < 10) samples.push(liveHeap());
      },
    });
    return { samples, ms: performance.now() - started };
  } finally {
    await sim.close();
  }
}
