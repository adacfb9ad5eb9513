import type { ProvisionReport, SelfTestReport } from 'ghl-sdk';
import type { GHLWebhookEvent } from 'ghl-sdk/webhooks';

/** One verified webhook, as the home page lists it: what and where, never the payload. */
export interface ReceivedWebhook {
  type: string;
  webhookId: string;
  /** The location (or, for an agency install, the company) the event is about. */
  target: string | undefined;
  receivedAt: number;
}

/** What the home page shows besides the token store: recent webhooks, refreshes and self-tests. */
export class Activity {
  /** Newest first, at most `keep`. */
  readonly webhooks: ReceivedWebhook[] = [];
  readonly lastRefresh = new Map<string, number>();
  readonly connectedAt = new Map<string, number>();
  readonly selfTests = new Map<string, SelfTestReport & { ranAt: number }>();
  /** The last `company.provision()` of each agency, by company id. */
  readonly provisions = new Map<string, ProvisionReport & { ranAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keep = 10,
  ) {}

  webhookReceived(event: GHLWebhookEvent): void {
    const fields = event as { locationId?: unknown; companyId?: unknown };
    const target = typeof fields.locationId === 'string' ? fields.locationId : typeof fields.companyId === 'string' ? fields.companyId : undefined;
    this.webhooks.unshift({ type: event.type, webhookId: event.webhookId, target, receivedAt: this.now() });
    this.webhooks.length = Math.min(this.webhooks.length, this.keep);
  }

  /** Wire to the client's `onTokensRefreshed`: called once rotated tokens are saved. */
  tokensRefreshed(locationId: string): void {
    this.lastRefresh.set(locationId, this.now());
  }

  connected(locationId: string): void {
    this.connectedAt.set(locationId, this.now());
  }

  provisioned(companyId: string, report: ProvisionReport): void {
    this.provisions.set(companyId, { ...report, ranAt: this.now() });
  }

  selfTestRan(locationId: string, report: SelfTestReport): void {
    this.selfTests.set(locationId, { ...report, ranAt: this.now() });
  }
}
