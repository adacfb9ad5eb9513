import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { GHLTokenStoreError } from '../errors.js';

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

function isDeadHereAndNow(holder: Holder | undefined): boolean {
  if (!holder || holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
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
 * Runs `fn` while holding an exclusive lock file (`open(..., 'wx')`), usable across processes on one
 * host or a shared filesystem. A holder killed with SIGKILL is detected by its pid (same host) or by
 * its lock file going stale, so it delays others by at most `staleMs`.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const owner = `${process.pid} ${hostname()} ${randomUUID()}`;
  const started = Date.now();

  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(owner);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new GHLTokenStoreError(`Cannot create lock file ${lockPath}: ${(error as Error).message}`, { operation: 'lock', cause: error });
      }
    }
    const seen = await readIfExists(lockPath);
    if (seen !== undefined) {
      const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
      if ((isDeadHereAndNow(parseHolder(seen)) || age > staleMs) && (await breakStaleLock(lockPath, seen, staleMs))) continue;
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
