import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDotenv } from '../src/stores/dotenv-file.js';
import { createGHLSimulator, type GHLSimulator } from '../src/testing/index.js';
import { runTs, spawnTs, waitForOutput } from './helpers/node-child.js';

/**
 * Issue 5, end to end with real processes: a deployment's env holds GHL_REFRESH_TOKEN; process A
 * refreshes (GHL rotates the token, the env's copy is now spent) and exits; process B starts with
 * the very same env. The simulator runs here; the children reach it through GHL_BASE_URL.
 */

const CHILD = fileURLToPath(new URL('./restart/child.ts', import.meta.url));
const SLOW = 60_000; // each child is a cold `node --import tsx`

interface Report {
  ok: boolean;
  error?: string;
  logs: string[];
  /** The GHL_* variables of the child's process.env when it finished: what a fork would inherit. */
  env?: Record<string, string>;
}

let sim: GHLSimulator;
let dir: string;
beforeEach(async () => {
  sim = await createGHLSimulator({ rateLimit: false });
  dir = await mkdtemp(join(tmpdir(), 'ghl-restart-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** What the operator configured once, at install time. */
function deploymentEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GHL_CLIENT_ID: sim.clientId,
    GHL_CLIENT_SECRET: sim.clientSecret,
    GHL_LOCATION_ID: sim.locationId,
    GHL_BASE_URL: sim.url,
    GHL_REFRESH_TOKEN: sim.issueTokens().refreshToken,
    ...extra,
  };
}

function report(result: { code: number | null; stdout: string; stderr: string }): Report {
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) throw new Error(`child printed no report (exit ${result.code}): ${result.stderr}`);
  return JSON.parse(last) as Report;
}

async function processRun(env: Record<string, string>, mode: 'default' | 'memory' = 'default', refreshes = 1): Promise<Report> {
  return report(await runTs(CHILD, [mode, String(refreshes)], { cwd: dir, env }));
}

/** Several processes that start refreshing at the same moment (after all of them booted). */
async function concurrentRuns(env: Record<string, string>, count: number, refreshes: number): Promise<Report[]> {
  const barrier = join(dir, 'go');
  const children = Array.from({ length: count }, () => spawnTs(CHILD, ['default', String(refreshes), barrier], { cwd: dir, env }));
  const results = children.map((child) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise<Report>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => {
        try {
          resolve(report({ code, stdout, stderr }));
        } catch (error) {
          reject(error);
        }
      });
    });
  });
  await Promise.all(children.map((child) => waitForOutput(child, 'ready')));
  await writeFile(barrier, '');
  return Promise.all(results);
}

const tokenFileKey = () => `${sim.locationId}@${sim.url}`;

describe('a restart never kills the integration', () => {
  it(
    'default store: A refreshes and exits; B starts with the original (spent) GHL_REFRESH_TOKEN and succeeds — 0 invalid_grant',
    async () => {
      const env = deploymentEnv();

      const a = await processRun(env);
      const b = await processRun(env);

      expect(a).toMatchObject({ ok: true });
      expect(b).toMatchObject({ ok: true });
      expect(sim.stats.invalidGrants).toBe(0);
      expect(sim.stats.refreshGrants).toBe(2);
      const file = JSON.parse(await readFile(join(dir, '.ghl/tokens.json'), 'utf8')) as Record<string, { refreshToken: string }>;
      expect(file[tokenFileKey()]?.refreshToken).toBe(sim.currentRefreshToken());
      expect(JSON.stringify(file)).not.toContain(env.GHL_REFRESH_TOKEN);
      // The default store is durable: no memory-only warning.
      expect([...a.logs, ...b.logs].filter((line) => line.startsWith('warn'))).toEqual([]);
    },
    SLOW,
  );

  it(
    'GHL_ENV_FILE: the .env gets the rotated tokens, every unrelated line byte-for-byte intact (CRLF), and B succeeds',
    async () => {
      const env = deploymentEnv({ GHL_ENV_FILE: '.env' });
      const original = [
        '# Production settings: do not commit',
        'export FOO=bar',
        '',
        `GHL_CLIENT_ID="${env.GHL_CLIENT_ID}"`,
        `GHL_REFRESH_TOKEN='${env.GHL_REFRESH_TOKEN}' # from the install`,
        'DATABASE_URL="postgres://u:p@db/app?sslmode=require"',
        '   SPACED = value   # comment',
        '',
        '',
      ].join('\r\n');
      await writeFile(join(dir, '.env'), original);

      const a = await processRun(env);
      const b = await processRun(env);

      expect(a).toMatchObject({ ok: true });
      expect(b).toMatchObject({ ok: true });
      expect(sim.stats.invalidGrants).toBe(0);
      const rewritten = await readFile(join(dir, '.env'), 'utf8');
      const before = original.split('\r\n').slice(0, -1);
      const after = rewritten.split('\r\n');
      before.forEach((line, i) => {
        if (line.startsWith('GHL_REFRESH_TOKEN=')) expect(after[i]).toBe(`GHL_REFRESH_TOKEN='${sim.currentRefreshToken()}' # from the install`);
        else expect(after[i]).toBe(line);
      });
      expect(after.slice(before.length).map((line) => line.split('=')[0])).toEqual(['GHL_ACCESS_TOKEN', 'GHL_TOKEN_EXPIRES_AT', 'GHL_TOKEN_ROTATED', 'GHL_TOKEN_SPENT', 'GHL_TOKEN_SEEDS', '']);
      expect(rewritten.replace(/\r\n/g, '')).not.toContain('\n');
      expect(parseDotenv(rewritten).get('GHL_REFRESH_TOKEN')).toBe(sim.currentRefreshToken());
    },
    SLOW,
  );

  it.each([
    ['the default .ghl/tokens.json', {}],
    ['one .env (GHL_ENV_FILE)', { GHL_ENV_FILE: '.env' }],
  ])(
    'three processes sharing %s refresh at the same moment, 10 times each: every refresh token is spent exactly once',
    async (_name, extra) => {
      const env = deploymentEnv(extra);

      const reports = await concurrentRuns(env, 3, 10);

      for (const each of reports) expect(each).toMatchObject({ ok: true });
      expect(sim.stats.invalidGrants).toBe(0);
      expect(sim.stats.refreshGrants).toBe(30);
    },
    SLOW,
  );

  it(
    'a re-install: a brand-new GHL_REFRESH_TOKEN in env wins over the stale durable copy; a process still on the old env then follows the new chain',
    async () => {
      const original = deploymentEnv();
      await processRun(original);
      const reinstalled = { ...original, GHL_REFRESH_TOKEN: sim.issueTokens().refreshToken };

      const b = await processRun(reinstalled);
      const c = await processRun(original);

      expect(b).toMatchObject({ ok: true });
      expect(c).toMatchObject({ ok: true });
      expect(sim.stats.invalidGrants).toBe(0);
      expect(sim.stats.refreshGrants).toBe(3);
    },
    SLOW,
  );

  it(
    'GHL_ENV_FILE loaded at start (dotenv / node --env-file): a process that loaded a token another process has since rotated follows the chain',
    async () => {
      const env = deploymentEnv({ GHL_ENV_FILE: '.env' });
      await writeFile(join(dir, '.env'), `GHL_REFRESH_TOKEN=${env.GHL_REFRESH_TOKEN}\n`);
      const loadedFromFile = async () => ({ ...env, ...Object.fromEntries(parseDotenv(await readFile(join(dir, '.env'), 'utf8'))) });

      const startedFirst = await loadedFromFile();
      const a = await processRun(startedFirst);
      const startedAfterA = await loadedFromFile();
      // b loaded the file with a at the start, but refreshes only now: it spends a's rotation.
      const b = await processRun(startedFirst);
      // c loaded the file after a's rotation and refreshes last: its env holds the token b spent,
      // which no process ever had as its seed.
      const c = await processRun(startedAfterA);

      expect(startedAfterA.GHL_REFRESH_TOKEN).not.toBe(env.GHL_REFRESH_TOKEN);
      expect([a, b, c]).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
      expect(sim.stats.invalidGrants).toBe(0);
      expect(parseDotenv(await readFile(join(dir, '.env'), 'utf8')).get('GHL_REFRESH_TOKEN')).toBe(sim.currentRefreshToken());
    },
    SLOW,
  );

  it(
    'a process forked after a rotation (inheriting process.env, into which the store mirrors tokens) follows the chain',
    async () => {
      const env = deploymentEnv();

      const parent = await processRun(env);
      const forkedEnv = { ...env, ...parent.env };
      // The parent (or any other process) rotates once more before the fork refreshes.
      const other = await processRun(env);
      const fork = await processRun(forkedEnv);

      expect(forkedEnv.GHL_REFRESH_TOKEN).not.toBe(env.GHL_REFRESH_TOKEN);
      expect([parent, other, fork]).toMatchObject([{ ok: true }, { ok: true }, { ok: true }]);
      expect(sim.stats.invalidGrants).toBe(0);
    },
    SLOW,
  );

  it(
    'control — tokens in memory only (the original integration): B dies with invalid_grant, and A warned once, without a token',
    async () => {
      const env = deploymentEnv();

      const a = await processRun(env, 'memory');
      const b = await processRun(env, 'memory');

      expect(a).toMatchObject({ ok: true });
      expect(b).toMatchObject({ ok: false, error: expect.stringMatching(/^GHLReauthRequiredError/) });
      expect(sim.stats.invalidGrants).toBe(1);
      const warnings = a.logs.filter((line) => line.startsWith('warn'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/memory only.*GHL_ENV_FILE/s);
      expect(warnings[0]).not.toContain(env.GHL_REFRESH_TOKEN);
      expect(warnings[0]).not.toContain(sim.currentRefreshToken());
    },
    SLOW,
  );
});
