// The multi-process start-up scenario: several processes of one deployment start a few seconds
// apart, each with its environment loaded from the dotenv file the default store rotates into
// (`node --env-file=.env`, as dotenv or a process manager would), or forked by the previous one
// (inheriting process.env). Every process refreshes before every call. A process is "broken" when
// its last call failed. Prints the figures; exits 1 when any process was left broken.
//
//   npx tsx scripts/resilience/staggered-start.ts [--processes 4] [--gap-ms 2000] [--duration-ms 8000]
//                                                 [--from env-file|fork]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGHLSimulator } from '../../src/testing/index.js';
import { collectReports, fingerprint, flag, spawnWorker, type WorkerReport } from './processes.js';

const processes = Number(flag('processes', '4'));
const gapMs = Number(flag('gap-ms', '2000'));
const durationMs = Number(flag('duration-ms', '8000'));
const from = flag('from', 'env-file');
if (from !== 'env-file' && from !== 'fork') throw new Error('--from is env-file or fork');

const sim = await createGHLSimulator({ rateLimit: false });
const dir = await mkdtemp(join(tmpdir(), 'ghl-staggered-'));
try {
  const deployment = {
    GHL_CLIENT_ID: sim.clientId,
    GHL_CLIENT_SECRET: sim.clientSecret,
    GHL_LOCATION_ID: sim.locationId,
    GHL_BASE_URL: sim.url,
    GHL_REFRESH_TOKEN: sim.issueTokens().refreshToken,
  };
  const reports: Array<Promise<WorkerReport[]>> = [];
  if (from === 'env-file') {
    await writeFile(join(dir, '.env'), Object.entries(deployment).map(([key, value]) => `${key}=${value}\n`).join(''), { mode: 0o600 });
    for (let i = 0; i < processes; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      // GHL_ENV_FILE comes from the process manager; everything else from the file, read at start.
      const child = spawnWorker(['calls', String(durationMs), '50'], { cwd: dir, env: { GHL_ENV_FILE: '.env', WORKER_NAME: `process ${i + 1}` }, envFile: join(dir, '.env') });
      reports.push(collectReports(child));
    }
  } else {
    const child = spawnWorker(['calls', String(durationMs + (processes - 1) * gapMs), '50', '--fork-after', String(gapMs), String(processes - 1)], {
      cwd: dir,
      env: { ...deployment, WORKER_NAME: 'process 1' },
    });
    reports.push(collectReports(child));
  }
  const all = (await Promise.all(reports)).flat();
  const broken = all.filter((each) => each.broken);
  const midChain = all.filter((each) => each.startedWith !== fingerprint(deployment.GHL_REFRESH_TOKEN));
  console.log(`scenario: ${processes} processes started ${gapMs} ms apart (${from === 'env-file' ? 'env loaded from GHL_ENV_FILE with --env-file' : 'each forked by the previous one, inheriting process.env'}), refreshPolicy 'always', ${durationMs} ms of calls each`);
  for (const each of all) {
    const start = each.startedWith === fingerprint(deployment.GHL_REFRESH_TOKEN) ? 'the original seed' : 'a mid-chain token';
    console.log(`  ${each.name.padEnd(28)} started with ${start.padEnd(17)}  calls ${String(each.calls).padStart(4)}  failed ${String(each.failures).padStart(4)}  ${each.broken ? `BROKEN (${each.lastError ?? ''})` : 'ok'}${each.failures > 0 ? `  errors: ${JSON.stringify(each.errors)}` : ''}`);
  }
  console.log(`started with a mid-chain refresh token: ${midChain.length} of ${all.length}`);
  console.log(`broken processes: ${broken.length} of ${all.length}`);
  console.log(`token requests: ${sim.stats.tokenRequests}, refresh grants: ${sim.stats.refreshGrants}, invalid_grant: ${sim.stats.invalidGrants}`);
  process.exitCode = broken.length === 0 && all.length === processes && sim.stats.invalidGrants === 0 ? 0 : 1;
} finally {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
}
