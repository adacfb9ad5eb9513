import { int } from './lib/format.js';
import { liveHeap, withTimeout } from './lib/measure.js';
import type { BenchOutput } from './lib/output.js';
import { loadSdk } from './lib/paths.js';
import { startSim, type RemoteSim } from './lib/sim.js';

type Sdk = Awaited<ReturnType<typeof loadSdk>>;

/** GHL's largest page for `GET /opportunities/search`, and `list()`'s default. */
const PAGE = 100;

interface Run {
  name: string;
  items: number;
  /** Reachable heap above the start, after each page (PAGE items). */
  samples: number[];
  requests: number;
  ms: number;
}

/** `ghl.opportunities.list()` over `count` opportunities: consumed as a stream, or collected into an array first. */
async function measure(sdk: Sdk, sim: RemoteSim, name: string, count: number, collect: boolean): Promise<Run> {
  const tokens = await sim.issueTokens();
  const ghl = new sdk.GHLClient({ locationId: sim.locationId, tokenStore: new sdk.MemoryTokenStore({ [sim.locationId]: tokens }), baseUrl: sim.url, env: {}, rateLimit: false });
  await sim.resetStats();
  const kept: unknown[] = [];
  const samples: number[] = [];
  const base = liveHeap();
  const started = performance.now();
  let items = 0;
  for await (const opportunity of ghl.opportunities.list({ limit: PAGE })) {
    // The baseline is what `Array.fromAsync(ghl.opportunities.list())` does: every item kept.
    if (collect) kept.push(opportunity);
    items += 1;
    if (items % PAGE === 0) samples.push(liveHeap() - base);
  }
  const ms = performance.now() - started;
  const stats = await sim.stats();
  if (kept.length !== (collect ? count : 0) || items !== count) throw new Error(`${name}: read ${items} of ${count}`);
  return { name, items, samples, requests: stats.byRoute['GET /opportunities/search'] ?? 0, ms };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
const at = (run: Run, fraction: number) => run.samples[Math.max(0, Math.round(run.samples.length * fraction) - 1)] ?? 0;

/**
 * §7 Paging memory: `ghl.opportunities.list()` streams `count` opportunities from the simulator, page
 * by page. The same run also collects every item into an array, the baseline a client that gathers
 * pages before returning them pays. The figure is the reachable heap (after a forced GC) at each page.
 */
export async function paging(options: { opportunities: number }): Promise<BenchOutput> {
  const sdk = await loadSdk();
  const count = options.opportunities;
  const sim = await startSim({ rateLimit: false });
  try {
    await sim.seedOpportunities(count);
    // A first pass compiles and caches what any first run pays once (JIT code, ky's and zod's
    // internals): it would otherwise read as growth of the measured loops.
    await withTimeout(measure(sdk, sim, 'warm-up', count, false), 300_000, 'paging warm-up');
    const stream = await withTimeout(measure(sdk, sim, 'for await over list() (streamed)', count, false), 300_000, 'paging stream');
    const collected = await withTimeout(measure(sdk, sim, 'list() collected into an array (baseline)', count, true), 300_000, 'paging collect');
    const runs = [stream, collected];
    const pages = Math.ceil(count / PAGE);
    const peak = (run: Run) => Math.max(0, ...run.samples);
    const growth = (run: Run) => at(run, 1) - at(run, 0.01);
    // Flat: from the first page to the last the streamed loop's reachable heap grows by less than
    // 1 MB whatever the count (the collecting baseline grows with it); every page fetched once (one
    // request per page, plus at most one that finds the end).
    const flat = growth(stream) < 1_048_576;
    const once = runs.every((run) => run.requests <= pages + 1);
    const met = flat && once;
    return {
      section: {
        id: 'paging',
        title: `7. Paging memory: ghl.opportunities.list() over ${int(count)} opportunities`,
        method: `One simulator holding ${int(count)} opportunities; \`for await (const o of ghl.opportunities.list({ limit: ${PAGE} }))\` read to the end, then the same loop pushing every item into an array. After every page the heap is collected (forced GC) and its reachable size above the start recorded.`,
        goal: `the streamed loop's reachable heap stays flat (at the end less than 1 MB above its size after the first page, at any count); each page fetched once`,
        met,
        tables: [
          {
            columns: ['loop', 'opportunities', 'requests', 'heap after 1 %', 'after 50 %', 'at the end', 'growth (end − 1 %)', 'peak', 'wall time (s)'],
            rows: runs.map((run) => [run.name, int(run.items), int(run.requests), mb(at(run, 0.01)), mb(at(run, 0.5)), mb(at(run, 1)), mb(growth(run)), mb(peak(run)), (run.ms / 1000).toFixed(1)]),
          },
        ],
        notes: [
          `list() fetches the next page only when the loop has used up the previous one (src/http/paginate.ts), following the \`meta.startAfter\`/\`startAfterId\` cursor; a cursor already fetched is refused, so no page is read twice (${int(pages)} pages of ${PAGE}).`,
        ],
      },
      headlines: [
        {
          metric: `opportunities.list() over ${int(count)}: reachable heap`,
          goal: 'flat (grows < 1 MB first page → last)',
          met,
          ghl: `grows ${mb(growth(stream))}, peak ${mb(peak(stream))}`,
          official: 'n/a (no auto-paging)',
          other: `collecting baseline grows ${mb(growth(collected))}, peak ${mb(peak(collected))}`,
        },
      ],
      chart: [
        {
          title: `Paging ${int(count)} opportunities: peak reachable heap (MB)`,
          better: 'lower',
          bars: runs.map((run) => ({ label: run.name, value: peak(run) / 1_048_576, text: mb(peak(run)) })),
        },
      ],
    };
  } finally {
    await sim.close();
  }
}
