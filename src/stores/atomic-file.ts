import * as nodeFs from 'node:fs/promises';
import { isDeadHereAndNow, removeOrphanTempFiles, tempFileFor } from './orphan-files.js';

/** A temp file older than this is an orphan whatever pid its name carries. */
const ORPHAN_AGE_MS = 60_000;

/** The few `fs/promises` calls an atomic write makes; tests inject failures through it. */
export interface AtomicWriteFs {
  realpath: typeof nodeFs.realpath;
  stat: typeof nodeFs.stat;
  writeFile: typeof nodeFs.writeFile;
  chmod: typeof nodeFs.chmod;
  rename: typeof nodeFs.rename;
  unlink: typeof nodeFs.unlink;
}

export interface AtomicWriteOptions {
  /** The file's mode after the write. Default: the old file's mode, or 0600 for a new file (it holds credentials). */
  mode?: number | undefined;
  /** Tests inject failures here. */
  fs?: AtomicWriteFs | undefined;
}

/**
 * Replaces a file's content all at once: write a temp file next to it, flush it, give it its mode,
 * then rename it over the old one. A crash (or a failing write) at any point leaves either the
 * complete old file or the complete new one, never half a file. A symlink is written through, not
 * replaced (a `.env` is often a link into a secrets mount).
 *
 * The caller holds the lock that serialises every writer of `path`: temp files of `path` left by a
 * writer that was killed (they hold tokens) are removed afterwards.
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const target = await fs.realpath(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return path;
    throw error;
  });
  const mode =
    options.mode ??
    (await fs.stat(target).then(
      (stats) => stats.mode & 0o7777,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return 0o600;
        throw error;
      },
    ));
  const temp = tempFileFor(target);
  try {
    await fs.writeFile(temp, content, { mode, flush: true });
    // writeFile's mode is filtered by the umask; the old file's mode must survive exactly.
    await fs.chmod(temp, mode);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  // After the rename, not before: the new content (rotated tokens) reaches the disk as soon as it can.
  // Under the writers' lock no live process is between writing its temp file and renaming it, even
  // on another host sharing the folder: a temp file whose pid is not running here is an orphan.
  await removeOrphanTempFiles(target, { olderThanMs: ORPHAN_AGE_MS, writerIsGone: isDeadHereAndNow });
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await nodeFs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
