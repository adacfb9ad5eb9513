import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dropUndefined, tokenSetSchema, type TokenSet } from '../auth/token-set.js';
import { GHLConfigError, GHLTokenStoreError, type TokenStoreOperation } from '../errors.js';
import { describeObject, inspectCustom } from '../inspect.js';
import { writeFileAtomic } from './atomic-file.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import type { TokenStore } from './token-store.js';

export interface FileTokenStoreOptions {
  /** The JSON file, e.g. `.ghl/tokens.json`. Created (mode 0600, folder 0700) on first write. */
  path: string;
  /** Lock-file behaviour for `withLock` and writes. */
  lock?: FileLockOptions | undefined;
}

/**
 * The file's entries by key. A Map, not an object: keys are location ids from outside, and on an
 * object `__proto__` would set the prototype and `constructor` would read Object's own.
 */
type TokenFile = Map<string, unknown>;

/**
 * Tokens in a JSON file `{ [key]: TokenSet }` that survives restarts. Writes go to a temp file that
 * is renamed over the old one, so a crash mid-write leaves the previous file intact; the file is
 * mode 0600 because it holds credentials. `withLock` uses a lock file per key, so processes sharing
 * the file refresh one at a time; writes take a separate file-wide lock around read-modify-write.
 * Every failure is a `GHLTokenStoreError` whose `cause` is the file-system error.
 */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly #lockOptions: FileLockOptions;

  constructor(options: FileTokenStoreOptions) {
    if (!options || typeof options.path !== 'string' || options.path.trim() === '') {
      throw new GHLConfigError('FileTokenStore needs { path }: the JSON file to keep tokens in');
    }
    this.path = options.path;
    this.#lockOptions = options.lock ?? {};
  }

  /** Prints the path only: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('FileTokenStore', { path: this.path });
  }

  toJSON(): Record<string, unknown> {
    return { path: this.path };
  }

  /**
   * The entry for `key` as stored (fields beyond `TokenSet` kept: `DurableEnvTokenStore` keeps its
   * history there). An entry that is not a token set is a `GHLTokenStoreError`, never handed on.
   */
  async get(key: string): Promise<TokenSet | null> {
    const entry = (await this.readAll(key)).get(key);
    if (entry === undefined) return null;
    if (!tokenSetSchema.safeParse(entry).success) {
      // Names the key and the file, never a value: the entry may hold tokens.
      throw new GHLTokenStoreError(`Token file ${this.path} holds a malformed token set for "${key}"; fix or delete that entry`, { operation: 'get', key });
    }
    return { ...(entry as TokenSet) };
  }

  /** Every key in the file. */
  async keys(): Promise<string[]> {
    return [...(await this.readAll('')).keys()];
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    await this.update('set', key, (all) => {
      all.set(key, dropUndefined({ ...tokens }));
    });
  }

  async delete(key: string): Promise<void> {
    await this.update('delete', key, (all) => {
      all.delete(key);
    });
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    // The lock file lives next to the token file: on a fresh install (first code exchange or
    // refresh) its folder does not exist yet, and creating the lock would fail with ENOENT.
    await this.ensureFolder('lock', key);
    return withFileLock(`${this.path}.${encodeURIComponent(key)}.lock`, fn, this.#lockOptions);
  }

  /**
   * Creates the folder (0700) on first use. A folder we create gets a `.gitignore` of `*`: a token
   * file in a project directory (`.ghl/tokens.json`) must never be committed by accident. Folders
   * that already existed are left alone.
   */
  private async ensureFolder(operation: TokenStoreOperation, key: string): Promise<void> {
    const folder = dirname(this.path);
    try {
      const created = await mkdir(folder, { recursive: true, mode: 0o700 });
      if (created !== undefined) await writeFile(join(folder, '.gitignore'), '*\n', { flag: 'wx' }).catch(() => undefined);
    } catch (error) {
      throw new GHLTokenStoreError(`Cannot create the folder of token file ${this.path}: ${(error as Error).message}`, { operation, key, cause: error });
    }
  }

  private async update(operation: 'set' | 'delete', key: string, change: (all: TokenFile) => void): Promise<void> {
    await this.ensureFolder(operation, key);
    await withFileLock(
      `${this.path}.write.lock`,
      async () => {
        const all = await this.readAll(key, operation);
        change(all);
        try {
          await writeFileAtomic(this.path, `${JSON.stringify(Object.fromEntries(all), null, 2)}\n`, { mode: 0o600 });
        } catch (error) {
          throw new GHLTokenStoreError(`Cannot write token file ${this.path}: ${(error as Error).message}`, { operation, key, cause: error });
        }
      },
      this.#lockOptions,
    );
  }

  private async readAll(key: string, operation: TokenStoreOperation = 'get'): Promise<TokenFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new GHLTokenStoreError(`Cannot read token file ${this.path}: ${(error as Error).message}`, { operation, key, cause: error });
    }
    const unreadable = (what: string) =>
      // No cause: JSON.parse's message quotes the file, and the file holds tokens.
      new GHLTokenStoreError(`Token file ${this.path} ${what}; fix or delete it (it is never overwritten while unreadable)`, { operation, key });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw unreadable('is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw unreadable('does not hold a JSON object');
    // Object.entries reads a `__proto__` key JSON.parse created as an ordinary own property.
    return new Map(Object.entries(parsed));
  }
}
