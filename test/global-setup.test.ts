import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CHROMIUM_INSTALL_HINT } from './helpers/chromium.js';
import { REDIS_INSTALL_HINT } from './redis/redis-installed.js';

/**
 * `npm test` on a machine without redis-server: the README's test command must pass, the Redis
 * tests are skipped with one line naming the install command, and CI (CI=true) fails instead.
 * Runs vitest itself on one Redis test file, in a child whose PATH holds only `node`.
 */

const REPO = fileURLToPath(new URL('../', import.meta.url));
const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs');
const SLOW = 60_000; // a cold vitest in a child process

let bin: string;
beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'ghl-no-redis-'));
  await symlink(process.execPath, join(bin, 'node'));
});
afterAll(() => rm(bin, { recursive: true, force: true }));

function vitestWithoutRedis(env: Record<string, string>, file = 'test/redis/lock.test.ts'): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [VITEST, 'run', file], {
    cwd: REPO,
    env: { HOME: process.env['HOME'], PATH: bin, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

describe.concurrent('without redis-server on PATH', () => {
  it('npm test passes: the Redis-backed tests are skipped, with one line naming the install command', async ({ expect }) => {
    const { code, output } = await vitestWithoutRedis({});
    expect(code).toBe(0);
    expect(output.split('\n').filter((line) => line.includes(REDIS_INSTALL_HINT))).toHaveLength(1);
    expect(output).toMatch(/redis-server not found on PATH: the Redis-backed tests \(test\/redis\/\) are skipped/);
    expect(output).toMatch(/Tests\s+2 skipped/);
  }, SLOW);

  it('under CI=true the run fails instead, naming the install command', async ({ expect }) => {
    const { code, output } = await vitestWithoutRedis({ CI: 'true' });
    expect(code).not.toBe(0);
    expect(output).toContain(`redis-server is not on PATH, and CI=true requires the Redis-backed tests to run. Install it: ${REDIS_INSTALL_HINT}`);
  }, SLOW);
});

describe.concurrent('without Chromium (CHROMIUM_PATH names no file)', () => {
  const BROWSER_TEST = 'test/examples/marketplace-app.browser.test.ts';
  const NO_CHROMIUM = { CHROMIUM_PATH: '/nonexistent/chromium' };

  it('npm test passes: the real-browser tests are skipped, with one line naming the install command', async ({ expect }) => {
    const { code, output } = await vitestWithoutRedis(NO_CHROMIUM, BROWSER_TEST);
    expect(code).toBe(0);
    expect(output.split('\n').filter((line) => line.includes(CHROMIUM_INSTALL_HINT))).toHaveLength(1);
    expect(output).toContain('Chromium not found at /nonexistent/chromium: the real-browser tests (*.browser.test.ts) are skipped.');
    // Every test of the file skipped, none run, none failed.
    expect(output).toMatch(/Tests\s+\d+ skipped \(\d+\)/);
    expect(output).not.toMatch(/passed|failed/);
  }, SLOW);

  it('under CI=true the run fails instead, naming the install command (and redis-server, missing too here)', async ({ expect }) => {
    const { code, output } = await vitestWithoutRedis({ ...NO_CHROMIUM, CI: 'true' }, BROWSER_TEST);
    expect(code).not.toBe(0);
    expect(output).toContain(`Chromium is not at /nonexistent/chromium (CHROMIUM_PATH overrides it), and CI=true requires the real-browser tests to run. Install it: ${CHROMIUM_INSTALL_HINT}`);
    expect(output).toContain(`Install it: ${REDIS_INSTALL_HINT}`);
  }, SLOW);
});
