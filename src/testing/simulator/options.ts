/** Options shared by the `node:http` simulator and the msw handlers, and their defaults. */

/** The burst and daily limits GHL applies per app per location (ghl-api.md §6). */
export interface GHLRateLimitOptions {
  /** Requests allowed per `intervalMs` window, per location. @default 100 */
  max?: number | undefined;
  /** Length of the sliding burst window in ms. @default 10_000 */
  intervalMs?: number | undefined;
  /** Requests allowed per UTC day (of the injected clock), per location. @default 200_000 */
  dailyLimit?: number | undefined;
}

export interface GHLSimulationOptions {
  /** The app's client id; the token endpoint rejects any other with 401 `invalid_client`. @default 'sim-client-id' */
  clientId?: string | undefined;
  /** The app's client secret, checked like `clientId`. @default 'sim-client-secret' */
  clientSecret?: string | undefined;
  /** The sub-account that `issueTokens()` and friends use when given no `locationId`. @default 'sim-location' */
  locationId?: string | undefined;
  /** The agency every issued token belongs to. @default 'sim-company' */
  companyId?: string | undefined;
  /**
   * Lifetime of access tokens minted by the token endpoint, in ms. `expires_in` reports it in whole
   * seconds (at least 1); the simulator itself expires the token after exactly this many ms.
   * @default 86_399_000 (GHL's `expires_in: 86399`, ghl-api.md §1.3)
   */
  accessTokenTtlMs?: number | undefined;
  /**
   * The location setting "Allow Duplicate Contact". When false, `POST /contacts/` with an email or phone
   * already in the location answers 400 with `meta.contactId` (ghl-api.md §3.7).
   * @default false
   */
  allowDuplicateContacts?: boolean | undefined;
  /**
   * Burst/daily limits per location, with the `X-RateLimit-*` headers on every authenticated API
   * response and 429 + `Retry-After` beyond them. `false` disables limiting and those headers.
   * @default { max: 100, intervalMs: 10_000, dailyLimit: 200_000 }
   */
  rateLimit?: GHLRateLimitOptions | false | undefined;
  /** Extra delay before every answer, in ms (real timers, not `now`). @default 0 */
  latencyMs?: number | undefined;
  /**
   * The clock for token expiry, rate windows and contact timestamps (epoch ms). Inject one to move
   * time in tests instead of sleeping. @default Date.now
   */
  now?: (() => number) | undefined;
  /**
   * Reject API calls whose `Version` header is missing or not the one the endpoint lists
   * (`2021-07-28` for contacts, ghl-api.md §2). @default true
   */
  requireVersionHeader?: boolean | undefined;
  /** The app's name on the consent page (`GET /v2/oauth/chooselocation`). @default 'Simulated Marketplace App' */
  appName?: string | undefined;
  /**
   * The sub-accounts the consent page offers to install to. @default the simulator's `locationId`
   * and two more (`<locationId>-2`, `<locationId>-3`)
   */
  consentLocations?: ReadonlyArray<{ id: string; name: string }> | undefined;
  /**
   * Whether `POST /oauth/locationToken` answers with a `refresh_token`. The v2 spec's answer has none
   * (ghl-api.md §1.4); a later GHL change added one. @default false
   */
  locationTokenRefreshTokens?: boolean | undefined;
}

export interface ResolvedRateLimit {
  max: number;
  intervalMs: number;
  dailyLimit: number;
}

export interface ResolvedOptions {
  clientId: string;
  clientSecret: string;
  locationId: string;
  companyId: string;
  accessTokenTtlMs: number;
  allowDuplicateContacts: boolean;
  rateLimit: ResolvedRateLimit | false;
  latencyMs: number;
  now: () => number;
  requireVersionHeader: boolean;
  appName: string;
  consentLocations: ReadonlyArray<{ id: string; name: string }>;
  locationTokenRefreshTokens: boolean;
}

function defaultConsentLocations(locationId: string): Array<{ id: string; name: string }> {
  return [
    { id: locationId, name: 'Main Street Bakery' },
    { id: `${locationId}-2`, name: 'Harbor Dental' },
    { id: `${locationId}-3`, name: 'Summit Fitness' },
  ];
}

export function resolveOptions(options: GHLSimulationOptions): ResolvedOptions {
  const rateLimit = options.rateLimit;
  return {
    clientId: options.clientId ?? 'sim-client-id',
    clientSecret: options.clientSecret ?? 'sim-client-secret',
    locationId: options.locationId ?? 'sim-location',
    companyId: options.companyId ?? 'sim-company',
    accessTokenTtlMs: options.accessTokenTtlMs ?? 86_399_000,
    allowDuplicateContacts: options.allowDuplicateContacts ?? false,
    rateLimit:
      rateLimit === false
        ? false
        : { max: rateLimit?.max ?? 100, intervalMs: rateLimit?.intervalMs ?? 10_000, dailyLimit: rateLimit?.dailyLimit ?? 200_000 },
    latencyMs: options.latencyMs ?? 0,
    now: options.now ?? Date.now,
    requireVersionHeader: options.requireVersionHeader ?? true,
    appName: options.appName ?? 'Simulated Marketplace App',
    consentLocations: options.consentLocations ?? defaultConsentLocations(options.locationId ?? 'sim-location'),
    locationTokenRefreshTokens: options.locationTokenRefreshTokens ?? false,
  };
}
