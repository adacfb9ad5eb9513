import type { CallOptions } from '../http/transport.js';
import type { GHLClientOptions } from '../options.js';

/** `GHLClient.forCompany(options)`: an agency (Company) install of a marketplace app. */
export interface GHLCompanyClientOptions extends Omit<GHLClientOptions, 'locationId' | 'userType'> {
  /** The agency. Default: env `GHL_COMPANY_ID`. Its tokens are stored under `company:<companyId>`. */
  companyId?: string | undefined;
  /** The marketplace app id `installedLocations` asks about. Default: the client id's part before the first `-` (docs/ghl-api.md §12). */
  appId?: string | undefined;
}

/** `company.installedLocations(params)`: `GET /oauth/installedLocations` (docs/ghl-api.md §1.4). */
export interface InstalledLocationsParams {
  /** Default: the company client's `appId`. */
  appId?: string | undefined;
  /** Only locations where the app is (true) or is not (false) installed. Default: every location GHL lists. */
  isInstalled?: boolean | undefined;
  /** Search locations by name. */
  query?: string | undefined;
  /** Records per request, 1–500. Default 100. */
  pageSize?: number | undefined;
}

/** One location of the agency, as `GET /oauth/installedLocations` lists it (`InstalledLocationSchema`). */
export interface InstalledLocation {
  /** The location id (GHL's `_id`). */
  id: string;
  name: string;
  address?: string | undefined;
  isInstalled?: boolean | undefined;
  versionId?: string | undefined;
  /** ISO date-time. */
  installedAt?: string | undefined;
  [field: string]: unknown;
}

/** `company.locations.search(params)`: `GET /locations/search` (Agency-Access, `locations.readonly`). */
export interface SearchLocationsParams {
  /** An email to look for. */
  email?: string | undefined;
  /** `'asc'` (default) or `'desc'`. */
  order?: 'asc' | 'desc' | undefined;
  /** Records to skip. Default 0. */
  skip?: number | undefined;
  /** Records to return, 1–100. Default 10 (GHL's). */
  limit?: number | undefined;
}

/** A location (sub-account) as `GET /locations/search` returns it; GHL sends more fields than these. */
export interface LocationSummary {
  id: string;
  name?: string | undefined;
  companyId?: string | undefined;
  email?: string | undefined;
  [field: string]: unknown;
}

export interface ProvisionOptions extends CallOptions {
  /** Locations minted at once. Default 5. */
  concurrency?: number | undefined;
  /** Called after each location, with the counts so far. */
  onProgress?: ((progress: ProvisionProgress) => void) | undefined;
  /** Default: the company client's `appId`. */
  appId?: string | undefined;
}

export interface ProvisionProgress {
  /** The location just done. */
  locationId: string;
  ok: boolean;
  /** Locations done so far (ok or failed). */
  done: number;
  failed: number;
}

export interface ProvisionFailure {
  locationId: string;
  /** The error's message (credentials masked). */
  message: string;
  error: unknown;
}

/** What `company.provision()` did: every installed location has a usable token, or is listed in `failed`. */
export interface ProvisionReport {
  /** Installed locations seen. */
  total: number;
  /** Locations that now hold a usable token (minted now, or already stored and valid). */
  ok: string[];
  failed: ProvisionFailure[];
}

/** `company.status()`: what is stored for the agency, read without calling GHL. Never contains a token. */
export interface CompanyStatus {
  companyId: string;
  /** The company token's store key, `company:<companyId>`. */
  key: string;
  baseUrl: string;
  hasTokens: boolean;
  refreshable: boolean;
  tokenValid: boolean;
  refreshTokenRejected: boolean;
  expiresAt: number | undefined;
  expiresInMs: number | undefined;
}
