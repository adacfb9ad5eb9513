import { bareKy, ghlSdk, officialSdk, rawFetch, type BenchClient, type KyOptions } from './lib/clients.js';
import { loadSdk } from './lib/paths.js';
import type { RemoteSim } from './lib/sim.js';
import { fixed, int, ratio } from './lib/format.js';
import { median, pool, withTimeout } from './lib/measure.js';
import type { BenchOutput, Table } from './lib/output.js';

type Mode = 'sequential' | 'concurrent';

interface Sample {
  opsPerSec: number;
  /** Client process CPU (user + system) per call, µs. */
  clientCpuUs: number;
  /** Simulator process CPU per call, µs. */
  serverCpuUs: number;
}

interface Medians {
  name: string;
  opsPerSec: number;
  clientCpuUs: number;
  serverCpuUs: number;
  samples: number;
}

const WIDTH = 64;

async function batch(client: BenchClient, sim: RemoteSim, ids: string[], mode: Mode, calls: number): Promise<Sample> {
  const serverBefore = await sim.cpu();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const run = async (): Promise<void> => {
    if (mode === 'sequential') {
      for (let i = 0; i < calls; i++) await client.get(ids[i % ids.length] as string);
    } else {
      await pool(calls, WIDTH, (i) => client.get(ids[i % ids.length] as string));
    }
  };
  await withTimeout(run(), 120_000, `${client.name} ${mode} batch`);
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await sim.cpu();
  const serverUs = serverAfter.user - serverBefore.user + (serverAfter.system - serverBefore.system);
  return { opsPerSec: (calls / elapsed) * 1000, clientCpuUs: (cpu.user + cpu.system) / calls, serverCpuUs: serverUs / calls };
}

/**
 * Interleaved rounds, each starting one client later (A B C D, B C D A, …) so no client always runs
 * right after the same other one and pays for its garbage; the medians per client.
 */
async function interleaved(clients: BenchClient[], sim: RemoteSim, ids: string[], mode: Mode, rounds: number, calls: number): Promise<Medians[]> {
  // Warm-up: JIT, connection pools, lazy imports (ghl-sdk loads ky on its first request).
  for (const client of clients) await batch(client, sim, ids, mode, Math.min(calls, 200));
  const samples = clients.map(() => [] as Sample[]);
  for (let round = 0; round < rounds; round++) {
    for (let step = 0; step < clients.length; step++) {
      const index = (round + step) % clients.length;
      samples[index]?.push(await batch(clients[index] as BenchClient, sim, ids, mode, calls));
    }
  }
  return clients.map((client, index) => {
    const mine = samples[index] ?? [];
    return {
      name: client.name,
      opsPerSec: median(mine.map((s) => s.opsPerSec)),
      clientCpuUs: median(mine.map((s) => s.clientCpuUs)),
      serverCpuUs: median(mine.map((s) => s.serverCpuUs)),
      samples: mine.length,
    };
  });
}

function table(mode: Mode, results: Medians[], kyName: string, fetchName: string, caption: string): Table {
  const ky = results.find((r) => r.name === kyName);
  const raw = results.find((r) => r.name === fetchName);
  return {
    caption,
    columns: ['client', 'calls/s (median)', 'vs bare ky', 'vs raw fetch', 'client CPU µs/call', 'simulator CPU µs/call'],
    rows: results.map((r) => [
      r.name,
      int(r.opsPerSec),
      ratio(r.opsPerSec, ky?.opsPerSec ?? Number.NaN),
      ratio(r.opsPerSec, raw?.opsPerSec ?? Number.NaN),
      fixed(r.clientCpuUs, 0),
      fixed(r.serverCpuUs, 0),
    ]),
  };
}

export interface OverheadOptions {
  rounds: number;
  sequentialCalls: number;
  concurrentCalls: number;
  /** Also measure what each ky option costs, over a stubbed fetch (no network). */
  kyVariants: boolean;
  /** Calls per batch of the stubbed-fetch table. */
  stubCalls: number;
}

/**
 * §3 Per-call overhead on loopback (no latency, a window no client reaches, the simulator in its own process):
 * `contacts.get` throughput of ghl-sdk vs bare ky with the same headers vs raw fetch vs the official
 * SDK, sequential and 64-way concurrent, interleaved rounds, medians; then what ky's options cost.
 */
export async function overhead(sim: RemoteSim, options: OverheadOptions): Promise<BenchOutput> {
  const ids = await sim.seedContacts(100);
  const tokens = await sim.issueTokens();
  const clients = [
    await ghlSdk(sim, tokens, 'expiring', 'ghl-sdk'),
    await bareKy(sim, tokens.accessToken),
    rawFetch(sim, tokens.accessToken),
    await officialSdk(sim, tokens, { refreshable: false }),
  ];
  const [ghl, ky, raw, official] = clients.map((c) => c.name) as [string, string, string, string];

  const sequential = await interleaved(clients, sim, ids, 'sequential', options.rounds, options.sequentialCalls);
  const concurrent = await interleaved(clients, sim, ids, 'concurrent', options.rounds, options.concurrentCalls);
  const pick = (results: Medians[], name: string) => results.find((r) => r.name === name)?.opsPerSec ?? Number.NaN;
  const vsKy = { sequential: pick(sequential, ghl) / pick(sequential, ky), concurrent: pick(concurrent, ghl) / pick(concurrent, ky) };
  const vsOfficial = { sequential: pick(sequential, ghl) / pick(sequential, official), concurrent: pick(concurrent, ghl) / pick(concurrent, official) };
  const met = vsKy.sequential >= 0.9 && vsKy.concurrent >= 0.9 && vsOfficial.sequential >= 1 && vsOfficial.concurrent >= 1;

  const tables: Table[] = [
    table('sequential', sequential, ky, raw, `Sequential: one call at a time, ${int(options.sequentialCalls)} calls per batch, ${options.rounds} interleaved rounds`),
    table('concurrent', concurrent, ky, raw, `${WIDTH}-way concurrent: ${int(options.concurrentCalls)} calls per batch, ${options.rounds} interleaved rounds`),
  ];

  const notes = [
    'ghl-sdk runs each call through one ky instance (src/http/transport.ts). On top of bare ky it validates the contact id and the response body (zod/mini), asks the TokenManager for the token, takes a slot in the location\'s rate-limit budget (p-queue; a free slot is granted synchronously, without a timer) and reads the X-RateLimit-* headers once.',
    'Bare ky pays a fixed price on every call whatever its options: it builds a `Request`, clones it, creates an AbortController and merges headers and hooks before fetch builds its own Request again (the stubbed-fetch table). ghl-sdk pays it too, since the transport is on ky.',
    '"client CPU µs/call" is the benchmark process\'s CPU time per call (process.cpuUsage), the fairest figure when the simulator, not the client, limits throughput.',
  ];

  if (options.kyVariants) tables.push(await kyOptionCosts(ids[0] as string, options));

  return {
    section: {
      id: 'overhead',
      title: '3. Per-call overhead on loopback',
      method:
        'The simulator runs in a child process (a rate-limit window no client reaches, stated in every response as GHL does; no latency), so its CPU is not on the client\'s event loop. ' +
        'Bare ky and raw fetch send the same three headers ghl-sdk sends and parse the JSON; the official SDK uses the static-token recipe of docs/peers.md. ' +
        'Each round runs every client once, each round starting with the next client (A B C D, B C D A, …); the table shows medians over rounds, after a warm-up batch per client.',
      goal: '≥ 0.90 × bare ky throughput and ≥ 1.00 × the official SDK\'s (sequential and 64-way)',
      met,
      tables,
      notes,
    },
    headlines: [
      {
        metric: 'Throughput vs bare ky (sequential / 64-way)',
        goal: '≥ 0.90×',
        met: vsKy.sequential >= 0.9 && vsKy.concurrent >= 0.9,
        ghl: `${fixed(vsKy.sequential)}× / ${fixed(vsKy.concurrent)}×`,
        official: `${fixed(pick(sequential, official) / pick(sequential, ky))}× / ${fixed(pick(concurrent, official) / pick(concurrent, ky))}×`,
        other: `raw fetch: ${fixed(pick(sequential, raw) / pick(sequential, ky))}× / ${fixed(pick(concurrent, raw) / pick(concurrent, ky))}×`,
      },
      {
        metric: 'Throughput vs the official SDK (sequential / 64-way)',
        goal: '≥ 1.00×',
        met: vsOfficial.sequential >= 1 && vsOfficial.concurrent >= 1,
        ghl: `${fixed(vsOfficial.sequential)}× / ${fixed(vsOfficial.concurrent)}×`,
        official: '1.00× / 1.00×',
        other: '',
      },
    ],
    chart: [
      {
        title: 'contacts.get calls/s, sequential (higher is better)',
        better: 'higher',
        bars: sequential.map((r) => ({ label: r.name, value: r.opsPerSec, text: int(r.opsPerSec) })),
      },
      {
        title: `contacts.get calls/s, ${WIDTH}-way concurrent (higher is better)`,
        better: 'higher',
        bars: concurrent.map((r) => ({ label: r.name, value: r.opsPerSec, text: int(r.opsPerSec) })),
      },
    ],
  };
}

/**
 * What ky's options cost, without the network: every variant calls the same in-process `fetch`
 * stub (a fresh `Response` with a contact body), so the figures are the client's own CPU per call.
 * Interleaved rounds, medians. This is how the transport's HTTP layer was chosen (BENCHMARKS.md §3).
 */
async function kyOptionCosts(contactId: string, options: OverheadOptions): Promise<Table> {
  const sdk = await loadSdk();
  const ky = (await import('ky')).default;
  const url = `http://127.0.0.1:9/contacts/${contactId}`;
  const body = JSON.stringify({ contact: { id: contactId, locationId: 'loc', firstName: 'Ada', email: 'ada@example.com', tags: [], customFields: [] } });
  // The window the simulator states in this section (one no client reaches), as GHL states its own:
  // without it ghl-sdk would pace the stub to the documented 100 per 10 s, and the table would time
  // the window instead of the client.
  const responseHeaders = { 'content-type': 'application/json', 'x-ratelimit-max': '100000', 'x-ratelimit-interval-milliseconds': '100', 'x-ratelimit-remaining': '99999' };
  const stub = async (_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> => new Response(body, { status: 200, headers: responseHeaders });
  const headers = { authorization: 'Bearer pit-bench', version: '2021-07-28', accept: 'application/json' };
  const ghl = new sdk.GHLClient({ locationId: 'loc', tokenStore: new sdk.MemoryTokenStore({ loc: { accessToken: 'pit-bench' } }), baseUrl: 'http://127.0.0.1:9', env: {}, fetch: stub });
  const kyCall = (extra: KyOptions) => () => ky(url, { headers, fetch: stub, ...extra }).json();
  const variants: Array<[string, () => Promise<unknown>]> = [
    ['fetch stub alone (the floor)', async () => (await stub(url, { headers })).json()],
    ['ghl-sdk contacts.get (fetch = the stub)', () => ghl.contacts.get(contactId)],
    ['new Request() + clone() (what every ky call does)', async () => (await stub(new Request(url, { headers }).clone())).json()],
    ['ky: defaults (retry 2, timeout 10 s)', kyCall({})],
    ['ky: retry 0', kyCall({ retry: 0 })],
    ['ky: timeout false', kyCall({ timeout: false })],
    ['ky: retry 0, timeout false', kyCall({ retry: 0, timeout: false })],
    ['ky: + a caller AbortSignal', kyCall({ signal: new AbortController().signal })],
    ['ky: + a no-op beforeRequest hook', kyCall({ hooks: { beforeRequest: [() => undefined] } })],
    [
      'ky as ghl-sdk 0.1 used it (retry 0, no throw, 30 s timeout, fetch wrapper, text + JSON.parse)',
      async () => {
        const response = await ky(url, { method: 'GET', headers, body: null, retry: 0, throwHttpErrors: false, timeout: 30_000, signal: null, fetch: (input, init) => stub(input, init) });
        return JSON.parse(await response.text()) as unknown;
      },
    ],
  ];
  const samples = variants.map(() => [] as number[]);
  const measure = async (fn: () => Promise<unknown>, calls: number): Promise<number> => {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn();
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / calls;
  };
  for (const [, fn] of variants) await measure(fn, Math.min(options.stubCalls, 500));
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, [, fn]] of variants.entries()) samples[index]?.push(await measure(fn, options.stubCalls));
  }
  const floor = median(samples[0] ?? []);
  const defaults = median(samples[3] ?? []);
  return {
    caption: `What ky's options cost: client CPU per call over an in-process fetch stub (no network), ${int(options.stubCalls)} calls per batch, ${options.rounds} interleaved rounds, medians`,
    columns: ['configuration', 'CPU µs/call', 'over the fetch stub', 'vs ky defaults'],
    rows: variants.map(([name], index) => {
      const us = median(samples[index] ?? []);
      return [name, fixed(us, 1), `+${fixed(us - floor, 1)}`, ratio(us, defaults)];
    }),
  };
}
