import { randomUUID } from 'node:crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Temp files next to the files the stores write (the token file, a `.env`, a lock file), and the
 * clean-up of the ones a killed process left behind: a temp file of a token file or `.env` holds
 * tokens, and the client secret that a `.env` usually holds too.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * A new temp file name in `target`'s folder (same file system, so a rename or link is atomic),
 * naming the writing process: `.<name>.<pid>.<uuid>.tmp`. Dot-prefixed, so a leftover does not look
 * like a config file.
 */
export function tempFileFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID()}.tmp`);
}

/** True when `pid` is certainly not running on this host (a live process of another user counts as running). */
export function isDeadHereAndNow(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface OrphanRule {
  /** Remove temp files older than this, whoever wrote them (pids are reused: a restarted container's app often gets the same one). */
  olderThanMs: number;
  /**
   * Also remove, whatever their age, those whose writer is certainly gone. Given the pid in the
   * file's name and its path. Without it, age alone decides.
   */
  writerIsGone?: ((pid: number, path: string) => boolean | Promise<boolean>) | undefined;
}

/**
 * Removes `target`'s temp files left by writers that died (`.<name>.<pid>.<uuid>.tmp`, and the
 * undotted `<name>.<pid>.<uuid>.tmp` earlier versions wrote). Best effort: a file that cannot be
 * listed, checked or removed is left for the next time, and nothing is thrown.
 */
export async function removeOrphanTempFiles(target: string, rule: OrphanRule): Promise<void> {
  const folder = dirname(target);
  const name = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.?${name}\\.(\\d+)\\.${UUID}\\.tmp$`);
  const names = await readdir(folder).catch(() => [] as string[]);
  const now = Date.now();
  await Promise.all(
    names.map(async (entry) => {
      const match = pattern.exec(entry);
      if (!match) return;
      const path = join(folder, entry);
      try {
        const orphan = (await rule.writerIsGone?.(Number(match[1]), path)) || now - (await stat(path)).mtimeMs > rule.olderThanMs;
        if (orphan) await unlink(path);
      } catch {
        // Gone already, or not ours to remove: left for the next time.
      }
    }),
  );
}
