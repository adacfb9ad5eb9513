/**
 * Remembers which `webhookId`s were accepted, so a replayed (or simply re-delivered) webhook is
 * acted on once. GHL asks receivers to reject duplicate `webhookId`s (docs/ghl-api.md §7, §12).
 *
 * An id only needs remembering while its timestamp is fresh: past that, the freshness check
 * rejects it anyway. That is the `ttlMs` each claim carries.
 */
export interface WebhookReplayStore {
  /**
   * Records `webhookId` for `ttlMs`. Resolves true when it was not recorded yet (the caller goes on
   * to process the event), false when it already was (a duplicate). Must be atomic across every
   * process that shares the store: two concurrent claims of one id get one true.
   */
  claim(webhookId: string, ttlMs: number): Promise<boolean>;
  /** Forgets `webhookId`: processing failed, so GHL's retry of it must be processed, not skipped. */
  release(webhookId: string): Promise<void>;
}

export interface MemoryWebhookReplayStoreOptions {
  /** The clock for expiry (epoch ms). @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * The default replay store: one process's memory. Behind several instances, use one store they all
 * share (`RedisWebhookReplayStore` from `ghl-sdk/redis`), or a duplicate reaching another instance
 * is processed again.
 */
export class MemoryWebhookReplayStore implements WebhookReplayStore {
  private readonly expiries = new Map<string, number>();
  private readonly now: () => number;
  /** Size at which the next sweep of expired ids runs: amortised O(1) per claim, bounded memory. */
  private sweepAt = 1024;

  constructor(options: MemoryWebhookReplayStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async claim(webhookId: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiresAt = this.expiries.get(webhookId);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.expiries.set(webhookId, now + Math.max(1, ttlMs));
    if (this.expiries.size >= this.sweepAt) this.sweep(now);
    return true;
  }

  async release(webhookId: string): Promise<void> {
    this.expiries.delete(webhookId);
  }

  /** How many ids are remembered right now (expired ones included until the next sweep). */
  get size(): number {
    return this.expiries.size;
  }

  private sweep(now: number): void {
    for (const [id, expiresAt] of this.expiries) if (expiresAt <= now) this.expiries.delete(id);
    this.sweepAt = Math.max(1024, this.expiries.size * 2);
  }
}
