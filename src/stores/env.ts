import { resolve } from 'node:path';
import type { TokenSet } from '../auth/token-set.js';
import { GHLConfigError } from '../errors.js';
import { ENV, readEnv } from '../options.js';
import { DotenvTokenFile } from './dotenv-tokens.js';
import { tokensFromVars, writeTokenVars } from './env-vars.js';
import type { FileLockOptions } from './file-lock.js';
import type { TokenStore } from './token-store.js';
import { describeObject, inspectCustom } from '../inspect.js';
import { companyKey } from '../agency/keys.js';

export { parseExpiresAt } from './env-vars.js';

export interface EnvTokenStoreOptions {
  /** The environment to read and write. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /**
   * The one location these variables belong to. Default: `GHL_LOCATION_ID` from `env`. Other keys
   * read as empty, so `ghl.location(other)` never borrows this location's token.
   */
  locationId?: string | undefined;
  /**
   * A dotenv file (e.g. the deployment's `.env`) that every rotation is written to, so a restart
   * reads the live refresh token instead of the spent one. Only GHL_ACCESS_TOKEN, GHL_REFRESH_TOKEN,
   * GHL_TOKEN_EXPIRES_AT and GHL_TOKEN_ROTATED (the new refresh token's fingerprint, see
   * `src/stores/env-seed.ts`) change (missing ones are appended); every other byte of the file stays
   * as it was. The file is re-read on every `get`, and its values win over `env`, so processes
   * sharing it see each other's rotations (to re-seed after a re-install, edit the file). Relative
   * paths resolve against `process.cwd()` now. Default: none (memory only). For an env seed that
   * may be newer than the file, use `DurableEnvTokenStore`.
   */
  envFile?: string | undefined;
  /** Lock-file behaviour for `withLock` and writes, with `envFile`. */
  lock?: FileLockOptions | undefined;
}

/**
 * Tokens in environment variables — GHL_ACCESS_TOKEN, GHL_REFRESH_TOKEN, GHL_TOKEN_EXPIRES_AT — as
 * the original integration kept them. Refreshed tokens are written back into the same env object.
 *
 * Without `envFile` that is memory only: a restart re-reads the deployment's (now spent) refresh
 * token and fails with `invalid_grant`, so `durable` is false and the client warns once. With
 * `envFile`, rotations also go to that file, atomically, under a lock file.
 */
export class EnvTokenStore implements TokenStore {
  readonly locationId: string | undefined;
  /** The dotenv file rotations are written to, resolved to an absolute path; undefined without `envFile`. */
  readonly envFile: string | undefined;
  // Private fields (#): not own enumerable properties, so `{ ...store }` copies no secret.
  readonly #env: Record<string, string | undefined>;
  readonly #file: DotenvTokenFile | undefined;

  constructor(options: EnvTokenStoreOptions = {}) {
    this.#env = options.env ?? process.env;
    // An agency's env (GHL_COMPANY_ID without GHL_LOCATION_ID) seeds the company key only: owning every
    // key, the company's tokens and its locations' would overwrite each other (src/agency/keys.ts).
    const companyId = readEnv(this.#env, ENV.companyId);
    this.locationId = options.locationId ?? readEnv(this.#env, ENV.locationId) ?? (companyId === undefined ? undefined : companyKey(companyId));
    this.envFile = options.envFile === undefined ? undefined : resolve(options.envFile);
    this.#file = this.envFile === undefined ? undefined : new DotenvTokenFile(this.envFile, options.lock);
  }

  /** The environment read and written (it holds the tokens and, usually, the client secret). */
  get env(): Record<string, string | undefined> {
    return this.#env;
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('EnvTokenStore', { locationId: this.locationId, envFile: this.envFile });
  }

  toJSON(): Record<string, unknown> {
    return { locationId: this.locationId, envFile: this.envFile };
  }

  /** True with `envFile`: rotated tokens survive a restart. See `TokenStore.durable`. */
  get durable(): boolean {
    return this.#file !== undefined;
  }

  async get(key: string): Promise<TokenSet | null> {
    if (!this.owns(key)) return null;
    // The file is where the latest rotation is (ours or another process's); the env object only
    // seeds the store until the file holds tokens.
    const fromFile = this.#file ? await this.#file.readTokens() : null;
    return fromFile ?? tokensFromVars((name) => readEnv(this.#env, name));
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    if (!this.owns(key)) {
      throw new GHLConfigError(`EnvTokenStore holds tokens for location "${this.locationId}" only, not "${key}": use a MemoryTokenStore, FileTokenStore or RedisTokenStore for several locations`);
    }
    // The file first: if it cannot be written, the env object must not claim a rotation that a
    // restart would not see (the TokenManager keeps unsaved tokens and retries).
    if (this.#file) await this.#file.write(tokens);
    writeTokenVars(this.#env, tokens);
  }

  async delete(key: string): Promise<void> {
    if (!this.owns(key)) return;
    writeTokenVars(this.#env, null);
    if (this.#file) await this.#file.clear();
  }

  /** With `envFile`: a lock file next to it, so processes sharing the file refresh one at a time. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    // Other keys hold nothing here, so there is nothing to protect.
    if (!this.#file || !this.owns(key)) return fn();
    return this.#file.withLock(fn);
  }

  private owns(key: string): boolean {
    return this.locationId === undefined || key === this.locationId;
  }
}
