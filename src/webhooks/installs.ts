import { companyKey } from '../agency/keys.js';
import type { GHLLogger } from '../logger.js';
import type { TokenStore } from '../stores/token-store.js';
import type { InstallEvent, UninstallEvent } from './events/index.js';

interface PendingInstall {
  event: InstallEvent;
  expiresAt: number;
}

/**
 * INSTALL and UNINSTALL wired to the token store.
 *
 * - An INSTALL for a location (or, for an agency install, a company) whose tokens are stored is
 *   delivered at once. One whose tokens are not stored yet is kept pending: GHL may send INSTALL
 *   before the app's code exchange has finished (bulk installs; https://github.com/GoHighLevel/highlevel-api-docs/issues/294), and the
 *   app's INSTALL handler usually needs those tokens. `release(key)`, called once the exchange has
 *   saved them, hands the INSTALL back for delivery.
 * - An UNINSTALL deletes that location's (company's) tokens from the store and drops its pending
 *   INSTALL. The log line names the location, never a token.
 *
 * Pending installs live in this process, for `pendingTtlMs`: receive webhooks and run the OAuth
 * callback in the same process, or call `release` where the callback runs.
 */
export class InstallLifecycle {
  private readonly pending = new Map<string, PendingInstall>();

  constructor(
    private readonly store: TokenStore & { delete(key: string): Promise<void> },
    private readonly logger: GHLLogger,
    private readonly pendingTtlMs: number,
    private readonly now: () => number,
  ) {}

  /** True when the INSTALL can be delivered now; false when it was kept pending. */
  async admit(event: InstallEvent): Promise<boolean> {
    const key = installKey(event);
    if (key === undefined || (await this.hasTokens(key))) return true;
    this.prune();
    const entry: PendingInstall = { event, expiresAt: this.now() + this.pendingTtlMs };
    this.pending.set(key, entry);
    // The code exchange may have landed (and found nothing pending) while we looked: look again.
    if ((await this.hasTokens(key)) && this.take(key, entry)) return true;
    this.logger.info(`GHL webhook INSTALL for ${describeKey(event)}: no tokens stored yet; kept pending until the code exchange saves them`);
    return false;
  }

  /** The pending INSTALL of `key`, taken out of the list, once its tokens are stored; else undefined. */
  async release(key: string): Promise<InstallEvent | undefined> {
    this.prune();
    const entry = this.pending.get(key);
    if (!entry || !(await this.hasTokens(key))) return undefined;
    return this.take(key, entry) ? entry.event : undefined;
  }

  /** Puts back an INSTALL whose delivery failed, so a later `release` delivers it again. */
  restore(event: InstallEvent): void {
    const key = installKey(event);
    if (key !== undefined && !this.pending.has(key)) this.pending.set(key, { event, expiresAt: this.now() + this.pendingTtlMs });
  }

  /** Deletes the uninstalled location's (company's) tokens and forgets its pending INSTALL. */
  async uninstall(event: UninstallEvent): Promise<void> {
    const key = installKey(event);
    if (key === undefined) {
      this.logger.warn('GHL webhook UNINSTALL names neither a location nor a company: no tokens deleted');
      return;
    }
    this.pending.delete(key);
    await this.store.delete(key);
    this.logger.info(`GHL webhook UNINSTALL: deleted the stored tokens of ${describeKey(event)}`);
  }

  /** Keys (location ids, or `company:<companyId>`) whose INSTALL is waiting for tokens. */
  pendingKeys(): string[] {
    this.prune();
    return [...this.pending.keys()];
  }

  private async hasTokens(key: string): Promise<boolean> {
    return (await this.store.get(key)) != null;
  }

  /** Removes `entry` if it is still the one pending under `key`: of two racing takers, one wins. */
  private take(key: string, entry: PendingInstall): boolean {
    if (this.pending.get(key) !== entry) return false;
    this.pending.delete(key);
    return true;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.pending) {
      if (entry.expiresAt > now) continue;
      this.pending.delete(key);
      this.logger.warn(`GHL webhook INSTALL for ${describeKey(entry.event)} dropped: no tokens were saved within ${Math.round(this.pendingTtlMs / 60_000)} min`);
    }
  }
}

/**
 * The token-store key of an install: the location id, or `company:<companyId>` for an agency install
 * (where `GHLClient.forCompany` and `oauth.exchangeCode` keep the company's tokens, src/agency/keys.ts).
 */
function installKey(event: InstallEvent | UninstallEvent): string | undefined {
  if (event.locationId) return event.locationId;
  return event.companyId ? companyKey(event.companyId) : undefined;
}

function describeKey(event: InstallEvent | UninstallEvent): string {
  return event.locationId ? `location ${event.locationId}` : `company ${event.companyId ?? '(none)'}`;
}
