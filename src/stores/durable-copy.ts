import type { TokenSet } from '../auth/token-set.js';
import { readEnv } from '../options.js';
import { DotenvTokenFile } from './dotenv-tokens.js';
import type { DurableRecord } from './env-seed.js';
import { tokensFromVars } from './env-vars.js';
import type { FileLockOptions } from './file-lock.js';
import { FileTokenStore } from './file.js';
import { loopbackIssuerOf, serverIsGone } from './gone-servers.js';

/**
 * The durable half of `DurableEnvTokenStore`: where rotated tokens and their history survive a
 * restart. Two places: a JSON token file (any number of keys) or the deployment's dotenv file (one
 * location's variables).
 */
export interface DurableCopy {
  /** Absolute path, for messages. */
  readonly path: string;
  /** A JSON file keeps any key; a dotenv file holds one location's variables. */
  readonly multiLocation: boolean;
  read(key: string): Promise<DurableRecord | null>;
  write(key: string, record: DurableRecord): Promise<void>;
  delete(key: string): Promise<void>;
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * The dotenv variable holding the history (comma-separated fingerprints of superseded refresh
 * tokens, never tokens), so it is rewritten in the same atomic write as the tokens it describes.
 */
export const SPENT_VAR = 'GHL_TOKEN_SPENT';

/** The dotenv variable holding the fingerprints of superseded env seeds (`DurableRecord.seeds`), comma-separated. */
export const SEEDS_VAR = 'GHL_TOKEN_SEEDS';

/** Fingerprints kept in a JSON array; anything else in it is ignored. Undefined when it is not an array. */
function fingerprintList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : undefined;
}

/** Fingerprints kept comma-separated in a dotenv variable. Undefined when the variable is absent. */
function fingerprintVar(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((each) => each.trim()).filter(Boolean);
}

/**
 * `{ [key]: TokenSet & { spentFingerprints, seedFingerprints } }` in a JSON file, through `FileTokenStore` (atomic writes, mode
 * 0600, the same lock files), so a plain `FileTokenStore` on the same path reads the same tokens.
 */
export class JsonDurableCopy implements DurableCopy {
  readonly path: string;
  readonly multiLocation = true;
  private readonly store: FileTokenStore;

  constructor(path: string, lock: FileLockOptions | undefined) {
    this.path = path;
    this.store = new FileTokenStore({ path, lock });
  }

  async read(key: string): Promise<DurableRecord | null> {
    const raw = (await this.store.get(key)) as (TokenSet & { spentFingerprints?: unknown; seedFingerprints?: unknown }) | null;
    if (!raw) return null;
    const { spentFingerprints, seedFingerprints, ...tokens } = raw;
    return { tokens, spent: fingerprintList(spentFingerprints), seeds: fingerprintList(seedFingerprints) };
  }

  /**
   * Drops the entries of simulators (servers on this machine) that are gone, except `keep`'s own:
   * their tokens can never be used again (see gone-servers.ts). Best effort: housekeeping never
   * fails the write it follows.
   */
  async forgetGoneServers(keep: string): Promise<void> {
    try {
      const issuers = new Map<string, string>();
      for (const key of await this.store.keys()) {
        const issuer = loopbackIssuerOf(key);
        if (issuer !== undefined && key !== keep) issuers.set(key, issuer);
      }
      const gone = await Promise.all([...issuers].map(async ([key, issuer]) => ((await serverIsGone(issuer)) ? key : undefined)));
      for (const key of gone) if (key !== undefined) await this.store.delete(key);
    } catch {
      // Left for the next write.
    }
  }

  async write(key: string, record: DurableRecord): Promise<void> {
    await this.store.set(key, {
      ...record.tokens,
      ...(record.spent === undefined ? {} : { spentFingerprints: record.spent }),
      ...(record.seeds === undefined || record.seeds.length === 0 ? {} : { seedFingerprints: record.seeds }),
    });
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(key);
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    // FileTokenStore creates the folder (and its .gitignore) before the first lock or write.
    return this.store.withLock(key, fn);
  }
}

/** The token variables plus `GHL_TOKEN_SPENT` and `GHL_TOKEN_SEEDS` in a dotenv file, through `DotenvTokenFile`. */
export class DotenvDurableCopy implements DurableCopy {
  readonly path: string;
  readonly multiLocation = false;
  private readonly file: DotenvTokenFile;

  constructor(path: string, lock: FileLockOptions | undefined) {
    this.path = path;
    this.file = new DotenvTokenFile(path, lock);
  }

  async read(): Promise<DurableRecord | null> {
    const vars = await this.file.readVars();
    const tokens = vars ? tokensFromVars((name) => readEnv(vars, name)) : null;
    if (!vars || !tokens) return null;
    // Absent means "no history kept" (a hand-written file); blank means "history kept, still empty".
    return { tokens, spent: fingerprintVar(vars[SPENT_VAR]), seeds: fingerprintVar(vars[SEEDS_VAR]) };
  }

  async write(_key: string, record: DurableRecord): Promise<void> {
    await this.file.write(record.tokens, {
      ...(record.spent === undefined ? {} : { [SPENT_VAR]: record.spent.join(',') }),
      ...(record.seeds === undefined || record.seeds.length === 0 ? {} : { [SEEDS_VAR]: record.seeds.join(',') }),
    });
  }

  async delete(): Promise<void> {
    await this.file.clear();
  }

  withLock<T>(_key: string, fn: () => Promise<T>): Promise<T> {
    return this.file.withLock(fn);
  }
}
