import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { DIST, ROOT } from './lib/paths.js';
import { int, kB, ratio } from './lib/format.js';
import type { BenchOutput, Table } from './lib/output.js';

interface Bundle {
  raw: number;
  gzip: number;
  /** Minified bytes per package ('(own code)' for ghl-sdk's dist), largest first. */
  byPackage: Array<[string, number]>;
}

/** `zod`, `src/auth`, `src/*.ts`, … : who a bundled input belongs to. */
function packageOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) {
    const parts = path.slice(path.indexOf('src/') + 'src/'.length).split('/');
    return path.includes('src/') ? (parts.length > 1 ? `src/${parts[0]}` : 'src/*.ts') : '(own code)';
  }
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
}

/** esbuild --bundle --minify --platform=node of `contents`, then gzip -9. */
async function bundle(contents: string, external: string[] = []): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'bench-size-entry.mjs', loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const byPackage = new Map<string, number>();
  const meta: Metafile = result.metafile;
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, byPackage: [...byPackage].sort((a, b) => b[1] - a[1]) };
}

interface Installed {
  kb: number;
  lsLines: number;
  packages: number;
  error?: string;
}

/** Installs `spec` into a fresh temp project; du -sk of node_modules and `npm ls --all --parseable` lines. */
function install(spec: string, work: string, name: string): Installed {
  const dir = join(work, name);
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `bench-${name}`, version: '1.0.0', private: true }));
  const npm = (args: string[]) => spawnSync('npm', args, { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  const installed = npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error', spec]);
  if (installed.status !== 0) return { kb: Number.NaN, lsLines: Number.NaN, packages: Number.NaN, error: (installed.stderr || String(installed.error ?? installed.signal)).slice(0, 300) };
  const du = spawnSync('du', ['-sk', join(dir, 'node_modules')], { encoding: 'utf8' });
  const ls = npm(['ls', '--all', '--parseable']);
  const lines = ls.stdout.split('\n').filter((line) => line.trim() !== '');
  return { kb: Number.parseInt(du.stdout, 10), lsLines: lines.length, packages: lines.length - 1 };
}

/**
 * §5 Size: the ESM entry bundled with all its dependencies (esbuild --bundle --minify
 * --platform=node, gzip -9) vs the official SDK's bundle; then, unless `offline`, what `npm install`
 * puts on disk and how many packages (a packed tarball of this tree vs the published SDK).
 */
export async function size(options: { install: boolean }): Promise<BenchOutput> {
  const officialVersion = (JSON.parse(readFileSync(createRequire(`${ROOT}/package.json`).resolve('@gohighlevel/api-client/package.json'), 'utf8')) as { version: string }).version;
  const ghlEntry = await bundle(`export * from ${JSON.stringify(`${DIST}/index.js`)};`);
  const ghlClientOnly = await bundle(`export { GHLClient } from ${JSON.stringify(`${DIST}/index.js`)};`);
  // dist/ has zod inlined, so attribute bytes on the same entry built from src/.
  const ghlFromSrc = await bundle(`export * from ${JSON.stringify(`${ROOT}/src/index.ts`)};`);
  const official = await bundle(`export { HighLevel } from '@gohighlevel/api-client';`);
  const officialNoMongo = await bundle(`export { HighLevel } from '@gohighlevel/api-client';`, ['mongodb']);
  // Goal: at most a fifth of the official SDK's bundle (312 kB → ≤ 62 kB), whatever areas are added.
  const met = ghlEntry.gzip <= 0.2 * official.gzip;

  const tables: Table[] = [
    {
      caption: 'Bundled for Node (esbuild --bundle --minify --platform=node), then gzip -9',
      columns: ['what', 'minified', 'gzip -9', 'gzip vs official'],
      rows: [
        ['ghl-sdk: the ESM entry dist/index.js, every export', kB(ghlEntry.raw), kB(ghlEntry.gzip, 2), ratio(ghlEntry.gzip, official.gzip, 3)],
        ['ghl-sdk: `import { GHLClient }` only', kB(ghlClientOnly.raw), kB(ghlClientOnly.gzip, 2), ratio(ghlClientOnly.gzip, official.gzip, 3)],
        [`@gohighlevel/api-client ${officialVersion}: \`import { HighLevel }\``, kB(official.raw), kB(official.gzip, 2), '1.000×'],
        [`@gohighlevel/api-client ${officialVersion}, mongodb left external`, kB(officialNoMongo.raw), kB(officialNoMongo.gzip, 2), ratio(officialNoMongo.gzip, official.gzip, 3)],
      ],
    },
    {
      caption: `What ghl-sdk's bundle is made of: the same entry bundled from src/ (${kB(ghlFromSrc.raw)} minified, ${kB(ghlFromSrc.gzip, 2)} gzip), minified bytes by package or source folder`,
      columns: ['package / folder', 'minified bytes', 'share'],
      rows: ghlFromSrc.byPackage.filter(([, bytes]) => bytes > 0).map(([name, bytes]) => [name, int(bytes), `${((bytes / ghlFromSrc.raw) * 100).toFixed(0)} %`]),
    },
  ];

  // zod: bundled into dist (what ships) or a dependency? The bundle is the same either way (an app's
  // bundler inlines it too); what differs is what `npm install` adds and what Node must resolve.
  const zodInBundle = ghlFromSrc.byPackage.find(([name]) => name === 'zod')?.[1] ?? 0;
  const zodInstalledKb = Number.parseInt(spawnSync('du', ['-sk', join(ROOT, 'node_modules', 'zod')], { encoding: 'utf8' }).stdout, 10);
  tables.push({
    caption: 'zod: bundled into dist (the choice) vs a runtime dependency',
    columns: ['', 'bundled (dist/)', 'as a dependency'],
    rows: [
      ['bytes the app ships (minified)', int(zodInBundle), `${int(zodInBundle)} (the same parts, inlined by the app's bundler)`],
      ['`npm install` adds', '0 (inside ghl-sdk\'s dist)', `${(zodInstalledKb / 1024).toFixed(1)} MB (the whole zod package, v3 + v4 + mini)`],
      ['public types', 'none from zod', 'none from zod'],
    ],
  });

  let installedGhl: Installed | undefined;
  let installedOfficial: Installed | undefined;
  if (options.install) {
    const work = mkdtempSync(join(tmpdir(), 'ghl-sdk-bench-size-'));
    try {
      const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      const tarball = packed.stdout.trim().split('\n').pop() ?? '';
      installedGhl = packed.status === 0 && tarball ? install(join(work, tarball), work, 'ghl') : { kb: Number.NaN, lsLines: Number.NaN, packages: Number.NaN, error: packed.stderr.slice(0, 300) };
      installedOfficial = install(`@gohighlevel/api-client@${officialVersion}`, work, 'official');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const row = (name: string, i: Installed) => [name, i.error ? `failed: ${i.error}` : `${(i.kb / 1024).toFixed(1)} MB`, int(i.packages), int(i.lsLines)];
    tables.push({
      caption: 'Installed into an empty project (`npm install`; ghl-sdk from `npm pack` of this tree)',
      columns: ['package', 'node_modules (du -sk)', 'packages installed', '`npm ls --all --parseable` lines'],
      rows: [row('ghl-sdk', installedGhl), row(`@gohighlevel/api-client ${officialVersion}`, installedOfficial)],
    });
  }

  return {
    section: {
      id: 'size',
      title: '5. Size',
      method: 'The bundle a Node app (or a serverless function) ships: esbuild bundles the entry with everything it imports, minifies it, and gzip -9 compresses the result.',
      goal: 'the ESM entry with all its dependencies ≤ 0.2 × the official SDK\'s bundle, gzip -9',
      met,
      tables,
      notes: [
        'ghl-sdk\'s runtime dependencies are the ones its users chose (ky for HTTP, p-retry for the token endpoint, async-mutex for single-flight) and the rate limiter\'s (p-queue, rate-limiter-flexible for Redis); zod/mini is bundled into dist (only the parts used). csv-parse and cli-progress are only reached from the `ghl` CLI, not from this entry.',
        'The official SDK\'s bundle is mostly the mongodb driver, a hard dependency even for apps that never use MongoDB (docs/peers.md §1).',
      ],
    },
    headlines: [
      {
        metric: 'Bundle with dependencies, gzip -9',
        goal: '≤ 0.20 × official',
        met,
        ghl: `${kB(ghlEntry.gzip, 2)} (GHLClient only: ${kB(ghlClientOnly.gzip, 2)})`,
        official: `${kB(official.gzip, 2)} (${kB(officialNoMongo.gzip, 2)} without mongodb)`,
        other: '',
      },
      ...(installedGhl && installedOfficial
        ? [
            {
              metric: 'Installed size / packages',
              goal: '—',
              met: undefined,
              ghl: `${(installedGhl.kb / 1024).toFixed(1)} MB / ${int(installedGhl.packages)}`,
              official: `${(installedOfficial.kb / 1024).toFixed(1)} MB / ${int(installedOfficial.packages)}`,
              other: '',
            },
          ]
        : []),
    ],
    chart: [
      {
        title: 'Bundle with dependencies, kB gzip',
        better: 'lower',
        bars: [
          { label: 'ghl-sdk (every export)', value: ghlEntry.gzip / 1000, text: kB(ghlEntry.gzip) },
          { label: '@gohighlevel/api-client', value: official.gzip / 1000, text: kB(official.gzip) },
          { label: '… without mongodb', value: officialNoMongo.gzip / 1000, text: kB(officialNoMongo.gzip) },
        ],
      },
      ...(installedGhl && installedOfficial && Number.isFinite(installedGhl.kb) && Number.isFinite(installedOfficial.kb)
        ? [
            {
              title: 'Installed node_modules, MB',
              better: 'lower' as const,
              bars: [
                { label: 'ghl-sdk', value: installedGhl.kb / 1024, text: `${(installedGhl.kb / 1024).toFixed(1)} MB` },
                { label: '@gohighlevel/api-client', value: installedOfficial.kb / 1024, text: `${(installedOfficial.kb / 1024).toFixed(1)} MB` },
              ],
            },
          ]
        : []),
    ],
  };
}
