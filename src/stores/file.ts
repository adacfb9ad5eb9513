import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dropUndefined, type TokenSet } from '../auth/token-set.js';
import { GHLError } from '../errors.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import type { TokenStore } from './token-store.js';

export interface FileTokenStoreOptions {
  /** The JSON file, e.g. `.ghl/tokens.json`. Created (mode 0600, folder 0700) on first write. */
  path: string;
  /** Lock-file behaviour for `withLock` and writes. */
  lock?: FileLockOptions | undefined;
}

type TokenFile = Record<string, TokenSet>;

/**
 * Tokens in a JSON file `{ [key]: TokenSet }` that survives restarts. Writes go to a temp file that
 * is renamed over the old one, so a crash mid-write leaves the previous file intact; the file is
 * mode 0600 because it holds credentials. `withLock` uses a lock file per key, so processes sharing
 * the file refresh one at a time; writes take a separate file-wide lock around read-modify-write.
 */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  private readonly lockOptions: FileLockOptions;

  constructor(options: FileTokenStoreOptions) {
    if (!options || typeof options.path !== 'string' || options.path.trim() === '') {
      throw new GHLError('FileTokenStore needs { path }: the JSON file to keep tokens in');
    }
    this.path = options.path;
    this.lockOptions = options.lock ?? {};
  }

  async get(key: string): Promise<TokenSet | null> {
    const tokens = (await this.readAll())[key];
    return tokens ? { ...tokens } : null;
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    await this.update((all) => {
      all[key] = dropUndefined({ ...tokens });
    });
  }

  async delete(key: string): Promise<void> {
    await this.update((all) => {
      delete all[key];
    });
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    // The lock file lives next to the token file: on a fresh install (first code exchange or
    // refresh) its folder does not exist yet, and `open(..., 'wx')` would fail with ENOENT.
    await this.ensureFolder();
    return withFileLock(`${this.path}.${encodeURIComponent(key)}.lock`, fn, this.lockOptions);
  }

  /**
   * Creates the folder (0700) on first use. A folder we create gets a `.gitignore` of `*`: a token
   * file in a project directory (`.ghl/tokens.json`) must never be committed by accident. Folders
   * that already existed are left alone.
   */
  private async ensureFolder(): Promise<void> {
    const folder = dirname(this.path);
    const created = await mkdir(folder, { recursive: true, mode: 0o700 });
    if (created !== undefined) await writeFile(join(folder, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
  }

  private async update(change: (all: TokenFile) => void): Promise<void> {
    await this.ensureFolder();
    await withFileLock(`${this.path}.write.lock`, async () => {
      const all = await this.readAll();
      change(all);
      const temp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
      try {
        await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600, flush: true });
        await rename(temp, this.path);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw new GHLError(`Cannot write token file ${this.path}: ${(error as Error).message}`, { cause: error });
      }
    }, this.lockOptions);
  }

  private async readAll(): Promise<TokenFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new GHLError(`Cannot read token file ${this.path}: ${(error as Error).message}`, { cause: error });
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      return parsed as TokenFile;
    } catch {
      // No cause: JSON.parse's message quotes the file, and the file holds tokens.
      throw new GHLError(`Token file ${this.path} is not valid JSON; fix or delete it (it is never overwritten while unreadable)`);
    }
  }
}
