import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/stores/atomic-file.js';
import { spawnTs, waitForOutput } from '../helpers/node-child.js';

const CRASH_WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const ORIGINAL = '# keep me\nexport FOO=bar\nGHL_REFRESH_TOKEN="rt-old"\n';
const REPLACEMENT = `${'# a much longer new content\n'.repeat(200)}GHL_REFRESH_TOKEN="rt-new"\n`;

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'ghl-atomic-'));
  path = join(dir, '.env');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o777;

describe('writeFileAtomic', () => {
  it('creates a new file with mode 0600 (it holds credentials)', async () => {
    await writeFileAtomic(path, 'A=1\n');
    expect(await fs.readFile(path, 'utf8')).toBe('A=1\n');
    expect(await modeOf(path)).toBe(0o600);
  });

  it("keeps the existing file's mode exactly, whatever the umask", async () => {
    await fs.writeFile(path, ORIGINAL);
    await fs.chmod(path, 0o640);
    await writeFileAtomic(path, REPLACEMENT);
    expect(await fs.readFile(path, 'utf8')).toBe(REPLACEMENT);
    expect(await modeOf(path)).toBe(0o640);
  });

  it('writes through a symlink instead of replacing the link', async () => {
    const real = join(dir, 'secrets.env');
    await fs.writeFile(real, ORIGINAL);
    await fs.symlink(real, path);
    await writeFileAtomic(path, REPLACEMENT);
    expect((await fs.lstat(path)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(real, 'utf8')).toBe(REPLACEMENT);
  });

  it('a failing rename leaves the old file intact and no temp file behind', async () => {
    await fs.writeFile(path, ORIGINAL);
    const failing = { ...fs, rename: async () => Promise.reject(Object.assign(new Error('EIO: injected'), { code: 'EIO' })) };
    await expect(writeFileAtomic(path, REPLACEMENT, { fs: failing })).rejects.toThrow('EIO: injected');
    expect(await fs.readFile(path, 'utf8')).toBe(ORIGINAL);
    expect(await fs.readdir(dir)).toEqual(['.env']);
  });

  it('a write that fails halfway (disk full) leaves the old file intact and no temp file behind', async () => {
    await fs.writeFile(path, ORIGINAL);
    const failing = {
      ...fs,
      writeFile: (async (file: string, data: string, options: object) => {
        await fs.writeFile(file, data.slice(0, 10), options);
        throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' });
      }) as unknown as typeof fs.writeFile,
    };
    await expect(writeFileAtomic(path, REPLACEMENT, { fs: failing })).rejects.toThrow('ENOSPC: injected');
    expect(await fs.readFile(path, 'utf8')).toBe(ORIGINAL);
    expect(await fs.readdir(dir)).toEqual(['.env']);
  });

  it('a process killed with SIGKILL mid-write leaves the old file intact: only an orphan temp file holds the half', async () => {
    await fs.writeFile(path, ORIGINAL);
    const child = spawnTs(CRASH_WRITER, [path, REPLACEMENT], { cwd: dir, env: {} });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await waitForOutput(child, 'half-written');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(await fs.readFile(path, 'utf8')).toBe(ORIGINAL);
    const leftovers = (await fs.readdir(dir)).filter((name) => name !== '.env');
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\.\.env\.\d+\..+\.tmp$/);
    const half = await fs.readFile(join(dir, leftovers[0] as string), 'utf8');
    expect(half.length).toBe(Math.floor(REPLACEMENT.length / 2));

    // That half holds tokens (and a .env's client secret): the next write removes it.
    await writeFileAtomic(path, REPLACEMENT);
    expect(await fs.readdir(dir)).toEqual(['.env']);
  });

  it("removes other writers' temp files only when their writer is gone or they are old, never another file's", async () => {
    const name = (pid: number) => `..env.${pid}.${randomUUID()}.tmp`;
    const dead = name(await deadPid());
    const live = name(process.pid);
    const liveButOld = name(process.pid);
    const legacy = `.env.${await deadPid()}.${randomUUID()}.tmp`;
    const unrelated = [`.other.${await deadPid()}.${randomUUID()}.tmp`, '.env.backup', `..env.${process.pid}.not-a-uuid.tmp`];
    for (const file of [dead, live, liveButOld, legacy, ...unrelated]) await fs.writeFile(join(dir, file), 'GHL_REFRESH_TOKEN=rt-x\n');
    const old = new Date(Date.now() - 120_000);
    await fs.utimes(join(dir, liveButOld), old, old);

    await writeFileAtomic(path, ORIGINAL);

    expect((await fs.readdir(dir)).sort()).toEqual(['.env', live, ...unrelated].sort());
  });
});

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('spawn gave no pid');
  return child.pid;
}
