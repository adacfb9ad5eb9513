import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTs } from '../helpers/node-child.js';
import { cli, simulator, tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../../src/cli/index.ts', import.meta.url));
const ROWS = 120;

/** Starts `ghl contacts import` as a real process and resolves once it reports `atLeast` rows done. */
async function startImport(env: Record<string, string>, dir: string, atLeast: number) {
  const child = spawnTs(BIN, ['contacts', 'import', 'users.csv', '--checkpoint', 'import.json'], { cwd: dir, env });
  let stderr = '';
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const done = [...stderr.matchAll(/"done":(\d+)/g)].map((m) => Number(m[1]));
      if (done.some((n) => n >= atLeast) && existsSync(join(dir, 'import.json'))) resolve();
    });
    void exited.then(() => reject(new Error(`the import ended before ${atLeast} rows: ${stderr}`)));
  });
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function setup() {
  // 40 requests per second: 120 users (240 requests) take about 6 s, time enough to interrupt.
  const sim = await simulator({ rateLimit: { max: 40, intervalMs: 1_000 } });
  const dir = await tempDir();
  const rows = Array.from({ length: ROWS }, (_, i) => `user${i}@example.com,User,${i}`);
  await writeFile(join(dir, 'users.csv'), `email,firstName,lastName\n${rows.join('\n')}\n`);
  const env = { GHL_BASE_URL: sim.url, GHL_LOCATION_ID: sim.locationId, GHL_ACCESS_TOKEN: sim.issuePrivateIntegrationToken(), GHL_TOKEN_FILE: join(dir, 'tokens.json') };
  const everyUserOnce = () => {
    const emails = sim.contacts.list().map((c) => c.email);
    return emails.length === ROWS && new Set(emails).size === ROWS;
  };
  return { sim, dir, env, everyUserOnce };
}

describe('ghl contacts import, interrupted and resumed', () => {
  it('SIGINT stops cleanly (rows in flight finish, checkpoint saved); the re-run resumes with the same totals', async () => {
    const { sim, dir, env, everyUserOnce } = await setup();
    const run = await startImport(env, dir, 30);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output().stdout).toMatch(/Import stopped: interrupted \(Ctrl-C\)/);
    expect(sim.contacts.list().length).toBeLessThan(ROWS);

    const resumed = await cli(['contacts', 'import', 'users.csv', '--checkpoint', 'import.json', '--json'], { env, cwd: dir });
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { created: number; updated: number; skipped: number; total: number };
    // Same totals as one uninterrupted run: every row created once, none "updated".
    expect(report).toMatchObject({ total: ROWS, created: ROWS, updated: 0 });
    expect(report.skipped).toBeGreaterThanOrEqual(30);
    expect(everyUserOnce()).toBe(true);
    expect(sim.stats.rateLimited).toBe(0);
  }, 120_000);

  it('SIGKILL mid-way: the re-run finishes from the last checkpoint and every user is synced exactly once', async () => {
    const { sim, dir, env, everyUserOnce } = await setup();
    const run = await startImport(env, dir, 50);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    const before = sim.stats.byRoute['POST /contacts/upsert'] ?? 0;

    const resumed = await cli(['contacts', 'import', 'users.csv', '--checkpoint', 'import.json', '--json'], { env, cwd: dir });
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { created: number; updated: number; skipped: number; total: number; failed: unknown[] };
    // Rows done after the last checkpoint are sent again: as upserts they update, never duplicate.
    expect(report.total).toBe(ROWS);
    expect(report.created + report.updated).toBe(ROWS);
    expect(report.skipped).toBeGreaterThanOrEqual(25);
    // At least one upsert per row not skipped; a retried upsert (idempotent, e.g. after a slow answer on a loaded machine) may add one. everyUserOnce() is the guarantee.
    expect((sim.stats.byRoute['POST /contacts/upsert'] ?? 0) - before).toBeGreaterThanOrEqual(ROWS - report.skipped);
    expect(everyUserOnce()).toBe(true);
    // The killed run's last requests still count in GHL's window. The re-run's first request goes
    // alone and its answer's X-RateLimit-Remaining makes the budget reserve them, but a request the
    // killed run still had on the wire can arrive after that answer (a RedisRateLimitBudget counts it:
    // test/redis/rate-limit-budget.test.ts). So the re-run may meet a few 429s in its first window, at
    // most one per worker (10); each pauses the budget for Retry-After and is replayed, so no row
    // fails and the report above is complete.
    expect(report.failed).toEqual([]);
    expect(sim.stats.rateLimited).toBeLessThanOrEqual(10);
  }, 120_000);
});
