import { createHash } from 'node:crypto';

/**
 * Authorization codes this app already exchanged, so a reloaded or replayed callback URL gets a clear
 * "already used" page instead of a second exchange: GHL codes are single-use (docs/ghl-api.md §1.3),
 * and sending one again only earns an `invalid_grant`. Kept as hashes: a code is a credential until
 * it is spent. In memory, for `ttlMs`; after a restart a replay meets the state check instead.
 */
export class RedeemedCodes {
  private readonly codes = new Map<string, { locationId: string; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 60 * 60_000,
  ) {}

  add(code: string, locationId: string): void {
    this.prune();
    this.codes.set(digest(code), { locationId, at: this.now() });
  }

  /** The location a code installed to, when this app already exchanged it. */
  locationOf(code: string): string | undefined {
    this.prune();
    return this.codes.get(digest(code))?.locationId;
  }

  private prune(): void {
    for (const [key, entry] of this.codes) if (entry.at + this.ttlMs <= this.now()) this.codes.delete(key);
  }
}

function digest(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
