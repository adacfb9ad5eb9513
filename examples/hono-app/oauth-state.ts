/**
 * Where `/oauth/start` remembers the `state` it sent, for `/oauth/callback` to check. A state is
 * good once and for a limited time: a replayed or forged callback is refused. Behind several app
 * instances, back this with your shared cache (Redis `SET state 1 PX 600000` + `GETDEL`).
 */
export interface OAuthStateStore {
  add(state: string): void | Promise<void>;
  /** True exactly once for a state that was added and has not expired; false otherwise. */
  consume(state: string): boolean | Promise<boolean>;
}

/** In-process state store: enough for a single instance. */
export class MemoryOAuthStateStore implements OAuthStateStore {
  private readonly expiries = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: { ttlMs?: number; now?: () => number } = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  add(state: string): void {
    // Forget abandoned flows, so the map cannot grow without bound.
    for (const [old, expiresAt] of this.expiries) if (expiresAt <= this.now()) this.expiries.delete(old);
    this.expiries.set(state, this.now() + this.ttlMs);
  }

  consume(state: string): boolean {
    const expiresAt = this.expiries.get(state);
    this.expiries.delete(state);
    return expiresAt !== undefined && expiresAt > this.now();
  }
}
