import { resolve } from 'node:path';
import { dropUndefined, type TokenSet } from '../auth/token-set.js';
import { errorCode, GHLConfigError } from '../errors.js';
import { describeError } from '../logger.js';
import { DEFAULTS, ENV, readEnv } from '../options.js';
import { DotenvDurableCopy, JsonDurableCopy, type DurableCopy } from './durable-copy.js';
import { currentTokens, historyAfter, type DurableRecord, type EnvSeed } from './env-seed.js';
import { envSeedFromVars, writeTokenVars } from './env-vars.js';
import { loopbackIssuerOf } from './gone-servers.js';
import type { FileLockOptions } from './file-lock.js';
import type { TokenStore } from './token-store.js';
import { describeObject, inspectCustom } from '../inspect.js';
import { companyKey } from '../agency/keys.js';

/** Where the default store keeps rotated tokens when neither `envFile` nor `tokenFile` says otherwise. */
export const DEFAULT_TOKEN_FILE = '.ghl/tokens.json';

export interface DurableEnvTokenStoreOptions {
  /** The environment the seed tokens are read from; rotated tokens are mirrored back into it. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** The location the env seed belongs to. Default: `GHL_LOCATION_ID` from `env`. */
  locationId?: string | undefined;
  /**
   * Persist rotations into this dotenv file (rewriting only GHL_ACCESS_TOKEN, GHL_REFRESH_TOKEN,
   * GHL_TOKEN_EXPIRES_AT, GHL_TOKEN_ROTATED, GHL_TOKEN_SPENT and GHL_TOKEN_SEEDS, atomically, everything else
   * byte-for-byte kept).
   * Default: env `GHL_ENV_FILE`. Wins over `tokenFile`. Never guessed: a `.env` is only rewritten
   * when named here or in `GHL_ENV_FILE`.
   */
  envFile?: string | undefined;
  /**
   * Persist rotations into this JSON file (the `FileTokenStore` format, mode 0600). Default: env
   * `GHL_TOKEN_FILE`, else `.ghl/tokens.json`. Ignored when an env file is set.
   */
  tokenFile?: string | undefined;
  /** Folder that relative `envFile` / `tokenFile` paths resolve against, once, here. Default `process.cwd()`. */
  cwd?: string | undefined;
  /**
   * The GHL server the tokens belong to (the client's `baseUrl`). In a JSON token file, tokens of any
   * server but production are kept under `<key>@<issuer>`, so a simulator's tokens never replace
   * real ones and two simulators sharing a folder never swap chains. Default: env `GHL_BASE_URL`,
   * else production.
   */
  issuer?: string | undefined;
  /** Lock-file behaviour for `withLock` and writes. */
  lock?: FileLockOptions | undefined;
}

/**
 * fs error codes that mean "this location cannot hold files for us", not a transient failure.
 * EEXIST is what `mkdir -p` says when the folder's path is taken by a file; EBUSY is a rename onto a
 * file that is itself a mount point (a single-file Docker/Kubernetes mount cannot be replaced).
 */
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST', 'EBUSY']);

/**
 * The default store: tokens are seeded from the environment (GHL_REFRESH_TOKEN etc., as the
 * original integration and every deployment's secret store have them) and every rotation is saved
 * to a durable copy — the dotenv file in `GHL_ENV_FILE`, else a JSON file (`GHL_TOKEN_FILE`, default
 * `.ghl/tokens.json`). A restart with the same, now spent, env seed reads the durable copy instead.
 *
 * Which one is current is decided on every read (see `env-seed.ts`): the durable copy, unless the
 * env holds a refresh token the copy has never superseded and the SDK did not write there — an
 * operator put a new refresh token there after a re-install — which wins until its first rotation
 * is saved. The copy keeps SHA-256 fingerprints of the refresh tokens it superseded, never the
 * tokens themselves; every refresh token the SDK writes into env variables carries its
 * fingerprint in `GHL_TOKEN_ROTATED`, so a process started from such an env never takes a point
 * of the chain for a new seed.
 *
 * If the durable copy cannot be written (a read-only filesystem), tokens are kept in memory,
 * `durable` turns false and the client logs one warning naming the fix; calls keep working.
 */
export class DurableEnvTokenStore implements TokenStore {
  readonly locationId: string | undefined;
  /** Absolute path of the durable copy. */
  readonly path: string;
  /** `'envFile'` when rotations go to a dotenv file, `'tokenFile'` for the JSON file. */
  readonly kind: 'envFile' | 'tokenFile';
  // Private fields (#) from here: not own enumerable properties, so `{ ...store }` copies no secret.
  readonly #env: Record<string, string | undefined>;
  readonly #copy: DurableCopy;
  readonly #issuer: string | undefined;
  /** The env seed, read once at first use (before we mirror rotations into `env`). */
  #seed: EnvSeed | null | undefined;
  /** The newest tokens for our key that could not be saved: they beat anything on disk. */
  #memory: TokenSet | undefined;
  #notWritable: string | undefined;

  constructor(options: DurableEnvTokenStoreOptions = {}) {
    this.#env = options.env ?? process.env;
    // An agency's env (GHL_COMPANY_ID without GHL_LOCATION_ID) seeds the company key only: owning every
    // key, the company's tokens and its locations' would overwrite each other (src/agency/keys.ts).
    const companyId = readEnv(this.#env, ENV.companyId);
    this.locationId = options.locationId ?? readEnv(this.#env, ENV.locationId) ?? (companyId === undefined ? undefined : companyKey(companyId));
    const cwd = options.cwd ?? process.cwd();
    const envFile = options.envFile ?? readEnv(this.#env, ENV.envFile);
    this.kind = envFile ? 'envFile' : 'tokenFile';
    this.path = resolve(cwd, envFile || options.tokenFile || readEnv(this.#env, ENV.tokenFile) || DEFAULT_TOKEN_FILE);
    this.#copy = envFile ? new DotenvDurableCopy(this.path, options.lock) : new JsonDurableCopy(this.path, options.lock);
    const issuer = (options.issuer ?? readEnv(this.#env, ENV.baseUrl) ?? DEFAULTS.baseUrl).replace(/\/+$/, '');
    this.#issuer = issuer === DEFAULTS.baseUrl ? undefined : issuer;
  }

  /** The environment the seed is read from and rotations are mirrored into (it holds secrets). */
  get env(): Record<string, string | undefined> {
    return this.#env;
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('DurableEnvTokenStore', { locationId: this.locationId, path: this.path });
  }

  toJSON(): Record<string, unknown> {
    return { locationId: this.locationId, path: this.path };
  }

  /** False while rotations could only be kept in memory. See `TokenStore.durable`. */
  get durable(): boolean {
    return this.#notWritable === undefined;
  }

  /** Why the durable copy could not be written, while it could not (a path and an fs error, no token). */
  get memoryOnlyReason(): string | undefined {
    return this.#notWritable;
  }

  async get(key: string): Promise<TokenSet | null> {
    if (!this.owns(key)) return this.#copy.multiLocation ? ((await this.readCopy(key))?.tokens ?? null) : null;
    if (this.#memory) return { ...this.#memory };
    return currentTokens(this.envSeed(), await this.readCopy(key));
  }

  async set(key: string, tokens: TokenSet): Promise<void> {
    if (!this.owns(key)) {
      if (!this.#copy.multiLocation) {
        throw new GHLConfigError(`The env file ${this.path} holds tokens for location "${this.locationId}" only, not "${key}": use GHL_TOKEN_FILE / FileTokenStore or RedisTokenStore for several locations`);
      }
      await this.#copy.write(this.copyKey(key), { tokens, spent: undefined });
      await this.#forgetGoneServers(key);
      return;
    }
    const seed = this.envSeed();
    // With the rotation marker: a process forked from this one inherits a point of the chain, not a seed.
    writeTokenVars(this.#env, tokens);
    try {
      const previous = await this.readCopy(key);
      await this.#copy.write(this.copyKey(key), { tokens, ...historyAfter(previous, seed, tokens) });
      this.#memory = undefined;
      this.#notWritable = undefined;
      await this.#forgetGoneServers(key);
    } catch (error) {
      // A location we may not write is not a reason to fail calls the env-only setup served; any
      // other failure (a lock timeout, a corrupt file) is, so the TokenManager keeps and retries.
      if (!isNotWritable(error)) throw error;
      this.#memory = dropUndefined({ ...tokens });
      this.#notWritable = `cannot write ${this.path}: ${describeError(error)}`;
    }
  }

  async delete(key: string): Promise<void> {
    if (this.owns(key)) {
      // Forgotten means forgotten: the env seed must not come back on the next read.
      this.#seed = null;
      this.#memory = undefined;
      writeTokenVars(this.#env, null);
    } else if (!this.#copy.multiLocation) {
      return;
    }
    await this.#copy.delete(this.copyKey(key));
  }

  /** A lock file next to the durable copy, so processes sharing it refresh one at a time. */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!this.owns(key) && !this.#copy.multiLocation) return fn();
    let entered = false;
    try {
      return await this.#copy.withLock(this.copyKey(key), () => {
        entered = true;
        return fn();
      });
    } catch (error) {
      // No lock file where nothing can be written: refresh unlocked, tokens stay in memory (and
      // `set` records why, so the client warns).
      if (entered || !isNotWritable(error)) throw error;
      return fn();
    }
  }

  private owns(key: string): boolean {
    return this.locationId === undefined || key === this.locationId;
  }

  /** The durable record; none when its path cannot exist (a file where a folder should be). */
  private async readCopy(key: string): Promise<DurableRecord | null> {
    try {
      return await this.#copy.read(this.copyKey(key));
    } catch (error) {
      if (errorCode(error) === 'ENOTDIR') return null;
      throw error;
    }
  }

  /** Writing a simulator's tokens also drops those of simulators that are gone (see gone-servers.ts). */
  async #forgetGoneServers(key: string): Promise<void> {
    if (this.#copy instanceof JsonDurableCopy && this.#issuer !== undefined && loopbackIssuerOf(this.copyKey(key)) !== undefined) {
      await this.#copy.forgetGoneServers(this.copyKey(key));
    }
  }

  private copyKey(key: string): string {
    return this.#issuer === undefined ? key : `${key}@${this.#issuer}`;
  }

  private envSeed(): EnvSeed | null {
    if (this.#seed === undefined) this.#seed = envSeedFromVars((name) => readEnv(this.#env, name));
    return this.#seed;
  }
}

function isNotWritable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && NOT_WRITABLE.has(code);
}

