import type { TokenSet } from '../auth/token-set.js';
import { GHLTokenStoreError } from '../errors.js';
import { readEnv } from '../options.js';
import { readTextIfExists, writeFileAtomic } from './atomic-file.js';
import { parseDotenv, updateDotenv } from './dotenv-file.js';
import { TOKEN_VARS, tokensFromVars, varsFromTokens } from './env-vars.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';

/**
 * A token set kept in a dotenv file (GHL_ACCESS_TOKEN / GHL_REFRESH_TOKEN / GHL_TOKEN_EXPIRES_AT),
 * shared by `EnvTokenStore({ envFile })` and `DurableEnvTokenStore`. Both use the same lock files
 * (`<file>.lock` for the refresh, `<file>.write.lock` around read-modify-write), so processes using
 * either on one file take turns.
 */
export class DotenvTokenFile {
  readonly path: string;
  private readonly lock: FileLockOptions;

  constructor(path: string, lock: FileLockOptions = {}) {
    this.path = path;
    this.lock = lock;
  }

  /** Every variable in the file, as written (blank values included), or null when the file does not exist. */
  async readVars(): Promise<Record<string, string> | null> {
    let text: string | undefined;
    try {
      text = await readTextIfExists(this.path);
    } catch (error) {
      throw new GHLTokenStoreError(`Cannot read env file ${this.path}: ${(error as Error).message}`, { operation: 'get', cause: error });
    }
    return text === undefined ? null : Object.fromEntries(parseDotenv(text));
  }

  /** The token set in the file (blank variables read as unset), or null when the file or its tokens are absent. */
  async readTokens(): Promise<TokenSet | null> {
    const vars = await this.readVars();
    return vars ? tokensFromVars((name) => readEnv(vars, name)) : null;
  }

  /**
   * Rewrites the token variables (and `extra` ones) in place, atomically; every other byte of the
   * file is kept. Creates the file (mode 0600) when it does not exist.
   */
  async write(tokens: TokenSet, extra: Record<string, string | undefined> = {}): Promise<void> {
    await this.rewrite('set', { ...varsFromTokens(tokens), ...extra });
  }

  /** Blanks the token variables (blank reads as unset); a missing file stays missing. */
  async clear(): Promise<void> {
    await this.rewrite('delete', Object.fromEntries(TOKEN_VARS.map((name) => [name, undefined])));
  }

  /** `set` creates the file when it does not exist; `delete` leaves a missing file missing. */
  private async rewrite(operation: 'set' | 'delete', updates: Record<string, string | undefined>): Promise<void> {
    await withFileLock(
      `${this.path}.write.lock`,
      async () => {
        try {
          const text = await readTextIfExists(this.path);
          if (text === undefined && operation === 'delete') return;
          await writeFileAtomic(this.path, updateDotenv(text ?? '', updates));
        } catch (error) {
          throw new GHLTokenStoreError(`Cannot write env file ${this.path}: ${(error as Error).message}`, { operation, cause: error });
        }
      },
      this.lock,
    );
  }

  /** The cross-process critical section for refreshing the tokens in this file. */
  withLock<T>(fn: () => Promise<T>): Promise<T> {
    return withFileLock(`${this.path}.lock`, fn, this.lock);
  }
}
