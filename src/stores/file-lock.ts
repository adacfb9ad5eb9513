import { randomUUID } from 'node:crypto';
import { link, open, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { GHLTokenStoreError } from '../errors.js';
import { isDeadHereAndNow, removeOrphanTempFiles, tempFileFor } from './orphan-files.js';

export interface FileLockOptions {
  /**
   * A lock file whose holder stopped refreshing it this long ago is taken over (a crashed holder).
   * A live holder touches it every third of this. Default 30 000 ms.
   */
  staleMs?: number | undefined;
  /** Give up waiting after this long with a `GHLTokenStoreError`. Default 60 000 ms. */
  timeoutMs?: number | undefined;
  /** Pause between attempts to take the lock. Default 20 ms (jittered). */
  retryDelayMs?: number | undefined;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RETRY_DELAY_MS = 20;

interface Holder {
  pid: number;
  host: string;
}

function parseHolder(content: string): Holder | undefined {
  const [pid, host] = content.split(' ');
  const parsed = Number(pid);
  return Number.isInteger(parsed) && host ? { pid: parsed, host } : undefined;
}


async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Removes a stale lock, never a fresh one. Breakers take turns through a second lock file: with two
 * breakers at once, the slower one could remove the lock the faster one's successor just took, and
 * two holders would refresh with one refresh token. Inside, the lock is removed only if it still
 * holds the stale content we saw. Returns false when another breaker is at work (wait, then look again).
 */
async function breakStaleLock(lockPath: string, seen: string, staleMs: number): Promise<boolean> {
  const breaker = `${lockPath}.break`;
  try {
    await (await open(breaker, 'wx', 0o600)).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A breaker that died between its two steps leaves its file behind: clear it once it is old.
    const age = await stat(breaker).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > staleMs) await unlink(breaker).catch(() => undefined);
    return false;
  }
  try {
    if ((await readIfExists(lockPath)) === seen) await unlink(lockPath).catch(() => undefined);
    return true;
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

/**
 * Creates the lock file with the owner already inside, or returns false when it exists. The owner
 * is written to a temp file first, then hard-linked to the lock path: `link` fails with EEXIST if
 * the lock exists, and a lock that appears is complete. (Creating the lock file and then writing
 * into it leaves an empty lock file when the process dies in between; an empty file names no
 * holder, so no dead-pid check can break it and everyone waits `staleMs`.) Needs a file system
 * with hard links (every local Linux/macOS one, NFS, NTFS); elsewhere the lock cannot be created.
 */
async function createWithOwner(lockPath: string, owner: string): Promise<boolean> {
  const temp = tempFileFor(lockPath);
  try {
    await writeFile(temp, owner, { mode: 0o600, flag: 'wx' });
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new GHLTokenStoreError(`Cannot create lock file ${lockPath}: ${(error as Error).message}`, { operation: 'lock', cause: error });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Runs `fn` while holding an exclusive lock file, usable across processes on one host or a shared
 * filesystem. A holder killed with SIGKILL is detected by its pid (same host) or by its lock file
 * going stale, so it delays others by at most `staleMs`.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const owner = `${process.pid} ${hostname()} ${randomUUID()}`;
  const started = Date.now();

  // A holder killed between writing its temp file and linking it leaves the temp file behind.
  // Processes on other hosts sharing the folder may be taking the lock right now: a pid is only
  // checked when the owner inside names this host.
  await removeOrphanTempFiles(lockPath, {
    olderThanMs: staleMs,
    writerIsGone: async (pid, path) => parseHolder(await readFile(path, 'utf8'))?.host === hostname() && isDeadHereAndNow(pid),
  });
  for (;;) {
    if (await createWithOwner(lockPath, owner)) break;
    const seen = await readIfExists(lockPath);
    if (seen !== undefined) {
      const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
      const holder = parseHolder(seen);
      if (((holder?.host === hostname() && isDeadHereAndNow(holder.pid)) || age > staleMs) && (await breakStaleLock(lockPath, seen, staleMs))) continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new GHLTokenStoreError(`Timed out after ${timeoutMs} ms waiting for lock file ${lockPath}`, { operation: 'lock' });
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs * (0.5 + Math.random())));
  }

  // Heartbeat: a long critical section must not look like a crashed holder. Only our own lock is
  // touched: one taken over after we stalled belongs to someone else now.
  const heartbeat = setInterval(() => {
    void readIfExists(lockPath)
      .then((content) => {
        if (content !== owner) return;
        const now = new Date();
        return utimes(lockPath, now, now);
      })
      .catch(() => undefined);
  }, Math.max(10, Math.floor(staleMs / 3)));
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    if ((await readIfExists(lockPath)) === owner) await unlink(lockPath).catch(() => undefined);
  }
}
