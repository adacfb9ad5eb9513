import { companyKey, GHLError, type GHLClient, type GHLCompanyClient, type ProvisionReport } from 'ghl-sdk';
import type { Activity } from './activity.js';

const COMPANY_PREFIX = companyKey('');

/** The company id of a token-store key that holds an agency's tokens (`company:<companyId>`), else undefined. */
export function companyIdOfKey(key: string): string | undefined {
  return key.startsWith(COMPANY_PREFIX) ? key.slice(COMPANY_PREFIX.length) : undefined;
}

/** One location of a connected agency, as the home page lists it: token state, never a token. */
export interface AgencyLocationView {
  id: string;
  name: string;
  hasTokens: boolean;
  accessTokenValid: boolean;
  expiresAt: number | undefined;
}

/** A connected agency (a Company install) as the home page lists it. */
export interface AgencyView {
  companyId: string;
  tokenValid: boolean;
  expiresAt: number | undefined;
  refreshTokenRejected: boolean;
  connectedAt: number | undefined;
  provision: (ProvisionReport & { ranAt: number }) | undefined;
  /** The locations GHL lists as installed, or why they could not be listed. */
  locations: AgencyLocationView[] | { error: string };
}

/**
 * The app's agencies: one `GHLCompanyClient` per company (its location clients are kept inside it, so
 * a location's mint stays single-flight), and which agency each of its locations belongs to, so the
 * location's calls go through the company client that mints its token.
 */
export class Agencies {
  private readonly companies = new Map<string, GHLCompanyClient>();
  private readonly companyOfLocation = new Map<string, string>();

  constructor(
    private readonly forCompany: (companyId: string) => GHLCompanyClient,
    private readonly activity: Activity,
  ) {}

  company(companyId: string): GHLCompanyClient {
    return this.companies.get(companyId) ?? this.companies.set(companyId, this.forCompany(companyId)).get(companyId)!;
  }

  /** The client of an agency's location, when the location is one this app knows to belong to an agency. */
  locationClient(locationId: string): GHLClient | undefined {
    const companyId = this.companyOfLocation.get(locationId);
    return companyId === undefined ? undefined : this.company(companyId).location(locationId);
  }

  /** After a Company install: a token minted and stored for every installed location; the report is kept for the home page. */
  async provision(companyId: string): Promise<ProvisionReport> {
    const report = await this.company(companyId).provision({ concurrency: 5 });
    for (const locationId of [...report.ok, ...report.failed.map((failure) => failure.locationId)]) this.companyOfLocation.set(locationId, companyId);
    this.activity.provisioned(companyId, report);
    return report;
  }

  /** The agency's token state and its installed locations (listed by GHL, the only call here), with each one's stored token state. */
  async view(companyId: string): Promise<AgencyView> {
    const company = this.company(companyId);
    const status = await company.status();
    const base = {
      companyId,
      tokenValid: status.tokenValid,
      expiresAt: status.expiresAt,
      refreshTokenRejected: status.refreshTokenRejected,
      connectedAt: this.activity.connectedAt.get(company.key),
      provision: this.activity.provisions.get(companyId),
    };
    try {
      const locations: AgencyLocationView[] = [];
      for await (const location of company.installedLocations({ isInstalled: true })) {
        this.companyOfLocation.set(location.id, companyId);
        const tokens = await company.location(location.id).tokens.status();
        locations.push({ id: location.id, name: location.name, hasTokens: tokens.hasTokens, accessTokenValid: tokens.accessTokenValid, expiresAt: tokens.expiresAt });
      }
      return { ...base, locations };
    } catch (error) {
      // SDK messages carry no tokens; anything else is unknown text, so it is not shown.
      const message = error instanceof GHLError ? `${error.name}: ${error.message}` : 'listing failed (see the server log)';
      return { ...base, locations: { error: message } };
    }
  }

  /** Whether a stored location key belongs to an agency seen so far (it is listed under the agency, not on its own). */
  owns(locationId: string): boolean {
    return this.companyOfLocation.has(locationId);
  }
}
