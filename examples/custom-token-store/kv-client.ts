/** A value and the version it was written at. Every write makes a new version. */
export interface Versioned {
  value: string;
  version: number;
}

/**
 * The key-value API the token store needs: get, put, delete, and compare-and-set on a version.
 * etcd transactions, Consul's `?cas=`, DynamoDB conditional writes, Firestore transactions and
 * Postgres `UPDATE … WHERE version = $1` all offer it; adapt yours to this shape.
 */
export interface KvClient {
  get(key: string): Promise<Versioned | null>;
  /** Writes unconditionally. Returns the new version. */
  put(key: string, value: string): Promise<number>;
  /** Writes only if the key is at version `expected` (`null`: only if absent). The new version, or null if someone else wrote first. */
  compareAndSet(key: string, value: string, expected: number | null): Promise<number | null>;
  /** Deletes, only if at version `expected` when given. True when something was deleted. */
  delete(key: string, expected?: number): Promise<boolean>;
}

/**
 * An in-memory `KvClient`, standing in for the remote one: every call yields to the event loop
 * like a network round trip would, so concurrent callers interleave as they would in production.
 */
export class MemoryKv implements KvClient {
  private readonly entries = new Map<string, Versioned>();
  private nextVersion = 1;

  async get(key: string): Promise<Versioned | null> {
    await roundTrip();
    const entry = this.entries.get(key);
    return entry ? { ...entry } : null;
  }

  async put(key: string, value: string): Promise<number> {
    await roundTrip();
    return this.write(key, value);
  }

  async compareAndSet(key: string, value: string, expected: number | null): Promise<number | null> {
    await roundTrip();
    if ((this.entries.get(key)?.version ?? null) !== expected) return null;
    return this.write(key, value);
  }

  async delete(key: string, expected?: number): Promise<boolean> {
    await roundTrip();
    const entry = this.entries.get(key);
    if (!entry || (expected !== undefined && entry.version !== expected)) return false;
    return this.entries.delete(key);
  }

  private write(key: string, value: string): number {
    const version = this.nextVersion++;
    this.entries.set(key, { value, version });
    return version;
  }
}

function roundTrip(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
