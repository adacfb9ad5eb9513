import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'vitest';
import { GHLError, GHLTokenStoreError } from '../../src/errors.js';
import { withFileLock } from '../../src/stores/file-lock.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FILE_LOCK_MODULE = new URL('../../src/stores/file-lock.ts', import.meta.url).href;

/** A fresh temp folder per test (the tests run concurrently), removed when the test ends. */
async function setup(context: TestContext): Promise<{ dir: string; lock: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ghl-file-lock-'));
  context.onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return { dir, lock: join(dir, 'tokens.json.loc-1.lock') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid of a process that has exited (spawned, then awaited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('spawn gave no pid');
  return child.pid;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** 20 concurrent holders with an await gap inside: returns the peak concurrency and the counter. */
async function contend(run: (fn: () => Promise<void>) => Promise<void>, n = 20): Promise<{ maxActive: number; counter: number }> {
  let active = 0;
  let maxActive = 0;
  let counter = 0;
  await Promise.all(
    Array.from({ length: n }, () =>
      run(async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        const seen = counter;
        await sleep(2);
        counter = seen + 1; // a lost update if another holder ran in the gap
        active -= 1;
      }),
    ),
  );
  return { maxActive, counter };
}

// Concurrent: most of these wait on purpose (stale timers, a child process); each has its own folder.
describe.concurrent('withFileLock', () => {
  it('runs fn with the lock file held (owner pid and host inside, mode 0600) and removes it afterwards', async (context) => {
    const { expect } = context;
    const { lock } = await setup(context);
    const value = await withFileLock(lock, async () => {
      const content = await readFile(lock, 'utf8');
      expect(content.split(' ').slice(0, 2)).toEqual([String(process.pid), hostname()]);
      expect((await stat(lock)).mode & 0o777).toBe(0o600);
      return 42;
    });
    expect(value).toBe(42);
    expect(existsSync(lock)).toBe(false);
  });

  it('the lock file is born with its owner inside: another process reading it during 300 takes never finds it empty', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    const stop = join(dir, 'stop');
    // A second process reads the lock file in a tight synchronous loop and counts what it sees.
    const reader = spawn(
      process.execPath,
      ['-e', `const fs = require('fs'); let seen = 0, empty = 0; while (!fs.existsSync(${JSON.stringify(stop)})) { try { const c = fs.readFileSync(${JSON.stringify(lock)}, 'utf8'); seen++; if (c === '') empty++; } catch {} } console.log(JSON.stringify({ seen, empty }));`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    reader.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => reader.once('exit', resolve));
    for (let i = 0; i < 300; i++) await withFileLock(lock, () => sleep(0), { retryDelayMs: 1 });
    await writeFile(stop, '');
    await exited;
    const { seen, empty } = JSON.parse(output) as { seen: number; empty: number };
    expect(seen).toBeGreaterThan(0);
    // An empty lock file names no holder: no dead-pid check can break it, so a crash there stalls everyone for staleMs.
    expect(empty).toBe(0);
  });

  it('removes temp files of lock owners that died before their lock appeared: at once when dead here, else once older than staleMs', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    const temp = (pid: number) => `${dir}/.${basename(lock)}.${pid}.${randomUUID()}.tmp`;
    const dead = await deadPid();
    const deadHere = temp(dead);
    const deadElsewhereButOld = temp(dead);
    const deadElsewhere = temp(dead); // that pid may be alive on the other host sharing the folder
    const alive = temp(process.pid);
    await writeFile(deadHere, `${dead} ${hostname()} x`);
    await writeFile(deadElsewhereButOld, `${dead} other-host y`);
    await writeFile(deadElsewhere, `${dead} other-host z`);
    await writeFile(alive, `${process.pid} ${hostname()} w`);
    const old = new Date(Date.now() - 10_000);
    await utimes(deadElsewhereButOld, old, old);

    await withFileLock(lock, async () => undefined, { staleMs: 5_000 });

    expect((await readdir(dir)).sort()).toEqual([basename(alive), basename(deadElsewhere)].sort());
  });

  it('excludes 20 concurrent callers that await inside the critical section', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    const result = await contend((fn) => withFileLock(lock, fn, { retryDelayMs: 2 }));
    expect(result).toEqual({ maxActive: 1, counter: 20 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('propagates the error fn throws and releases the lock', async (context) => {
    const { expect } = context;
    const { lock } = await setup(context);
    const boom = new Error('boom');
    await expect(withFileLock(lock, async () => Promise.reject(boom))).rejects.toBe(boom);
    expect(existsSync(lock)).toBe(false);
    await expect(withFileLock(lock, async () => 'again', { timeoutMs: 500 })).resolves.toBe('again');
  });

  it('keeps a long critical section alive with a heartbeat, so it is not taken over as stale', async (context) => {
    const { expect } = context;
    const { lock } = await setup(context);
    // Generous: a heartbeat every staleMs / 3 must keep up even on a loaded machine.
    const staleMs = 600;
    let active = 0;
    let maxActive = 0;
    const hold = () =>
      withFileLock(
        lock,
        async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await sleep(staleMs * 2); // much longer than staleMs: only the heartbeat keeps the lock fresh
          active -= 1;
        },
        { staleMs, retryDelayMs: 5 },
      );
    await Promise.all([hold(), hold()]);
    expect(maxActive).toBe(1);
  });

  it('does not steal a lock from a live holder: times out with a GHLError and leaves it in place', async (context) => {
    const { expect } = context;
    const { lock } = await setup(context);
    const holder = `${process.pid} ${hostname()} someone-else`;
    await writeFile(lock, holder);
    let ran = false;
    const { value: error, ms } = await timed(() =>
      withFileLock(
        lock,
        async () => {
          ran = true;
        },
        { timeoutMs: 100, retryDelayMs: 5 },
      ).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect((error as Error).message).toMatch(/Timed out after 100 ms/);
    expect(ran).toBe(false);
    expect(ms).toBeGreaterThanOrEqual(95);
    expect(await readFile(lock, 'utf8')).toBe(holder);
  });

  it('takes over at once a lock left by a dead holder on this host', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    const pid = await deadPid();
    await writeFile(lock, `${pid} ${hostname()} crashed-owner`);
    const { value, ms } = await timed(() => withFileLock(lock, async () => readFile(lock, 'utf8'), { staleMs: 60_000, timeoutMs: 2_000 }));
    expect(value.startsWith(`${process.pid} `)).toBe(true);
    expect(ms).toBeLessThan(1_000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over at once a stale lock (old mtime) whose holder cannot be checked', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    await writeFile(lock, '4242 some-other-host owner');
    const old = new Date(Date.now() - 60 * 60_000);
    await utimes(lock, old, old);
    const { value, ms } = await timed(() => withFileLock(lock, async () => 'taken', { staleMs: 30_000, timeoutMs: 2_000 }));
    expect(value).toBe('taken');
    expect(ms).toBeLessThan(1_000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('20 contenders breaking one stale lock at once never hold it together', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    await writeFile(lock, '4242 some-other-host owner');
    const old = new Date(Date.now() - 60 * 60_000);
    await utimes(lock, old, old);
    const { maxActive, counter } = await contend((fn) => withFileLock(lock, fn, { staleMs: 30_000, retryDelayMs: 2 }));
    expect(maxActive).toBe(1);
    expect(counter).toBe(20);
    expect(await readdir(dir)).toEqual([]);
  });

  it('clears a breaker file left by a breaker that died, once it is older than staleMs', async (context) => {
    const { expect } = context;
    const { lock } = await setup(context);
    await writeFile(lock, '4242 some-other-host owner');
    await writeFile(`${lock}.break`, '');
    const old = new Date(Date.now() - 60 * 60_000);
    await utimes(lock, old, old);
    await utimes(`${lock}.break`, old, old);
    await expect(withFileLock(lock, async () => 'taken', { staleMs: 30_000, timeoutMs: 2_000, retryDelayMs: 2 })).resolves.toBe('taken');
  });

  it('takes over a fresh lock of another host only once it is older than staleMs', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    await writeFile(lock, '4242 some-other-host owner');
    const { value, ms } = await timed(() => withFileLock(lock, async () => 'taken', { staleMs: 150, timeoutMs: 3_000, retryDelayMs: 5 }));
    expect(value).toBe('taken');
    expect(ms).toBeGreaterThanOrEqual(100);
    expect(ms).toBeLessThan(2_000);
    expect(await readdir(dir)).toEqual([]);
  });

  it('treats an empty lock file (left by an earlier version, or by hand) as stale after staleMs', async (context) => {
    const { expect } = context;
    const { lock } = await setup(context);
    const writing = Date.now();
    await writeFile(lock, '');
    const value = await withFileLock(lock, async () => 'taken', { staleMs: 300, timeoutMs: 3_000, retryDelayMs: 5 });
    expect(value).toBe('taken');
    // Not broken before it went stale (a lower bound holds however loaded the machine is). The age
    // is read from the file's mtime, which the kernel stamps from its coarse clock (up to one tick,
    // 4–10 ms, behind Date.now()): measured from before the write, the wait is at least 300 ms less
    // that tick. (Measured from after the write with no allowance, it failed once in a full run.)
    expect(Date.now() - writing).toBeGreaterThanOrEqual(300 - 10);
  });

  it('fails with a GHLTokenStoreError (operation lock, the fs error as cause) when the lock file cannot be created', async (context) => {
    const { expect } = context;
    const { dir } = await setup(context);
    const error = await withFileLock(join(dir, 'missing-folder', 'x.lock'), async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLTokenStoreError);
    expect(error).toMatchObject({ operation: 'lock' });
    expect((error as Error).message).toMatch(/Cannot create lock file/);
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('a holder process killed with SIGKILL does not block the next one', async (context) => {
    const { expect } = context;
    const { dir, lock } = await setup(context);
    const script = join(dir, 'holder.mts');
    await writeFile(
      script,
      [
        `import { withFileLock } from ${JSON.stringify(FILE_LOCK_MODULE)};`,
        'await withFileLock(process.argv[2], async () => {',
        "  process.stdout.write('locked\\n');",
        '  await new Promise(() => setInterval(() => undefined, 1_000));',
        '}, { staleMs: 60_000 });',
      ].join('\n'),
    );
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, lock], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    context.onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`holder exited early (${String(code)}): ${stderr}`)));
    });

    // The child really holds it: a waiter in this process is kept out.
    expect((await readFile(lock, 'utf8')).split(' ')[0]).toBe(String(child.pid));
    await expect(withFileLock(lock, async () => 'too early', { timeoutMs: 100, retryDelayMs: 5 })).rejects.toThrow(/Timed out/);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(lock)).toBe(true); // a SIGKILLed holder cleans nothing up

    // Detected by its pid, not by waiting out staleMs (60 s) — the 3 s timeout would fail first.
    const { value, ms } = await timed(() => withFileLock(lock, async () => 'mine', { staleMs: 60_000, timeoutMs: 3_000 }));
    expect(value).toBe('mine');
    expect(ms).toBeLessThan(2_000);
    expect(existsSync(lock)).toBe(false);
  });
});
