import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { RemoteSim } from './lib/sim.js';
import { DIST, ROOT } from './lib/paths.js';
import { fixed, ratio } from './lib/format.js';
import { median } from './lib/measure.js';
import type { BenchOutput } from './lib/output.js';

const CHILD = fileURLToPath(new URL('./lib/cold-start-child.mjs', import.meta.url));

interface Target {
  name: string;
  how: 'import' | 'require' | 'none';
  target: string;
  firstCall: boolean;
}

interface Run {
  importMs: number;
  firstCallMs: number | undefined;
  wallMs: number;
}

function once(target: Target, env: NodeJS.ProcessEnv): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, [CHILD, target.how, target.target, ...(target.firstCall ? ['first-call'] : [])], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`cold start of ${target.name} failed (${child.status ?? child.signal}): ${child.stderr.slice(0, 500)}`);
  const parsed = JSON.parse(child.stdout) as { importMs: number; firstCallMs?: number };
  return { importMs: parsed.importMs, firstCallMs: parsed.firstCallMs, wallMs };
}

/**
 * §4 Cold start: `performance.now()` around the dynamic `import()` / `require()` inside a fresh
 * `node` process, the process's total wall time, and import + first `contacts.get` (ghl-sdk's
 * first request is where `fetch` loads undici). Targets alternate run by run; medians.
 */
export async function coldStart(sim: RemoteSim, options: { runs: number }): Promise<BenchOutput> {
  const officialMain = createRequire(`${ROOT}/package.json`).resolve('@gohighlevel/api-client');
  const [contactId] = await sim.seedContacts(1);
  const tokens = await sim.issueTokens();
  const env = { ...process.env, BENCH_SIM: JSON.stringify({ ...sim, tokens, contactId }), NODE_OPTIONS: '' };

  const targets: Target[] = [
    { name: 'node, nothing imported (baseline)', how: 'none', target: '-', firstCall: false },
    { name: 'ghl-sdk ESM: import(dist/index.js)', how: 'import', target: `${DIST}/index.js`, firstCall: false },
    { name: 'ghl-sdk CJS: require(dist/index.cjs)', how: 'require', target: `${DIST}/index.cjs`, firstCall: false },
    { name: '@gohighlevel/api-client: import()', how: 'import', target: officialMain, firstCall: false },
    { name: '@gohighlevel/api-client: require()', how: 'require', target: officialMain, firstCall: false },
    { name: 'node + one raw fetch (baseline)', how: 'none', target: '-', firstCall: true },
    { name: 'ghl-sdk ESM: import + first contacts.get', how: 'import', target: `${DIST}/index.js`, firstCall: true },
    { name: '@gohighlevel/api-client: require + first getContact', how: 'require', target: officialMain, firstCall: true },
  ];
  const runs = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
  // Warm the OS file cache once per target, then alternate (rotating the start) run by run.
  for (const target of targets) once(target, env);
  for (let run = 0; run < options.runs; run++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + run) % targets.length] as Target;
      runs.get(target.name)?.push(once(target, env));
    }
  }

  const med = (name: string, key: 'importMs' | 'wallMs' | 'firstCallMs') => median((runs.get(name) ?? []).map((r) => r[key] ?? Number.NaN));
  const ghlEsm = med('ghl-sdk ESM: import(dist/index.js)', 'importMs');
  const ghlCjs = med('ghl-sdk CJS: require(dist/index.cjs)', 'importMs');
  const offEsm = med('@gohighlevel/api-client: import()', 'importMs');
  const offCjs = med('@gohighlevel/api-client: require()', 'importMs');
  const ghlFirst = med('ghl-sdk ESM: import + first contacts.get', 'firstCallMs');
  const offFirst = med('@gohighlevel/api-client: require + first getContact', 'firstCallMs');
  // Goal: import + first call in a fresh process ≤ 0.7 × the official SDK's; import alone is reported.
  const met = ghlFirst / offFirst <= 0.7;

  const rows = targets.map((t) => {
    const importMs = med(t.name, 'importMs');
    const firstMs = med(t.name, 'firstCallMs');
    const versus = t.how === 'none' ? '' : t.firstCall ? '' : t.name.startsWith('ghl-sdk ESM') ? ratio(importMs, offEsm) : t.name.startsWith('ghl-sdk CJS') ? ratio(importMs, offCjs) : '1.00×';
    return [t.name, t.how === 'none' ? '—' : fixed(importMs, 1), t.firstCall ? fixed(firstMs, 1) : '—', fixed(med(t.name, 'wallMs'), 0), versus];
  });

  return {
    section: {
      id: 'cold-start',
      title: '4. Cold start',
      method:
        `Each figure is the median of ${options.runs} fresh \`node\` processes per target; targets alternate run by run (after one discarded warm-up each). ` +
        '"import" is `performance.now()` around the dynamic `import()`/`require()` inside the process; "wall" is the whole process, spawn to exit, as the parent saw it. ' +
        'ghl-sdk is the BUILT package (dist/); the official SDK is what `npm i @gohighlevel/api-client@3` installs.',
      goal: '`import` + first `contacts.get` in a fresh process ≤ 0.7 × the official SDK\'s; `import` alone reported',
      met,
      tables: [{ columns: ['target', 'import()/require(), ms', 'import + first call, ms', 'process wall, ms', 'import vs official'], rows }],
      notes: [
        'ghl-sdk\'s ESM build imports ky, p-retry, async-mutex and p-queue (the CJS build inlines the ESM-only ones); zod/mini is bundled into dist; undici, behind `fetch`, loads on the first request, which the "first call" rows include.',
        'The process wall time of every row that used `fetch` (the raw-fetch baseline and ghl-sdk alike) includes time Node 20 spends at exit once its fetch (undici) has run: compare the baseline rows. Any fetch-based client pays it, ky included; axios, on node:http, does not. It matters to one-shot CLIs, not to servers; the in-process "import + first call" column is the latency an app sees.',
        'The official SDK loads axios and all 43 service classes and builds every service in its constructor (docs/peers.md §1).',
      ],
    },
    headlines: [
      {
        metric: 'Cold start: import + first call, ms',
        goal: '≤ 0.70 × official',
        met,
        ghl: `${fixed(ghlFirst, 0)} (${ratio(ghlFirst, offFirst)})`,
        official: `${fixed(offFirst, 0)}`,
        other: `import alone (ESM / CJS): ${fixed(ghlEsm, 0)} / ${fixed(ghlCjs, 0)} vs ${fixed(offEsm, 0)} / ${fixed(offCjs, 0)} ms`,
      },
    ],
    chart: [
      {
        title: 'Cold import, ms (median)',
        better: 'lower',
        bars: [
          { label: 'ghl-sdk import()', value: ghlEsm, text: `${fixed(ghlEsm, 0)} ms` },
          { label: 'ghl-sdk require()', value: ghlCjs, text: `${fixed(ghlCjs, 0)} ms` },
          { label: '@gohighlevel/api-client import()', value: offEsm, text: `${fixed(offEsm, 0)} ms` },
          { label: '@gohighlevel/api-client require()', value: offCjs, text: `${fixed(offCjs, 0)} ms` },
        ],
      },
    ],
  };
}
