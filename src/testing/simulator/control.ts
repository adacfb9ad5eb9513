import type { GHLSimulatorAreas } from './areas/index.js';
import type { EngineState } from './engine.js';
import type { GHLFault } from './faults.js';
import { resetStats, type GHLSimulatorStats } from './stats.js';
import type { IssuedTokens } from './tokens.js';
import { announceInstall, createWebhookControl, type GHLSimulatorWebhookControl } from './webhook-control.js';

export interface IssueTokensOptions {
  /** @default the simulator's `locationId` */
  locationId?: string | undefined;
  /** Lifetime of this first access token (0 = already expired). Refreshed tokens use the simulator's `accessTokenTtlMs`. */
  accessTokenTtlMs?: number | undefined;
  /** `'Company'` issues an agency token: no `locationId`, so every contacts call on it is a 403. @default 'Location' */
  userType?: 'Location' | 'Company' | undefined;
}

export interface IssueAuthorizationCodeOptions {
  /** @default the simulator's `locationId` */
  locationId?: string | undefined;
  /** When set, a code exchange that sends a different `redirect_uri` gets `invalid_grant`. */
  redirectUri?: string | undefined;
  /** @default 'Location' */
  userType?: 'Location' | 'Company' | undefined;
}

/**
 * The control surface shared by `createGHLSimulator()` and `ghlHandlers()`: the generic controls
 * of `SimulatorControlBase`, plus each API area's under its name (`contacts`, … from areas/index.ts).
 */
export interface GHLSimulatorControl extends SimulatorControlBase, GHLSimulatorAreas {}

/** The controls every simulator has, whatever its areas. */
export interface SimulatorControlBase extends GHLSimulatorWebhookControl {
  /** The configured credentials and ids, to configure the client under test. */
  readonly clientId: string;
  readonly clientSecret: string;
  readonly locationId: string;
  readonly companyId: string;
  /** Live counters; see `GHLSimulatorStats`. */
  readonly stats: GHLSimulatorStats;
  resetStats(): void;
  /** A valid pair as if the app had just been installed: seed the SDK's token store with it. */
  issueTokens(options?: IssueTokensOptions): IssuedTokens;
  /** A `pit-…` Private Integration Token: never expires, cannot be refreshed (ghl-api.md §8). */
  issuePrivateIntegrationToken(options?: { locationId?: string | undefined }): string;
  /** A single-use code for the `authorization_code` grant, as the OAuth callback would receive it. */
  issueAuthorizationCode(options?: IssueAuthorizationCodeOptions): string;
  /** The refresh token stops working (`invalid_grant`); its access token is untouched. */
  revokeRefreshToken(token: string): void;
  /** The access token (or PIT) stops working (401). */
  revokeAccessToken(token: string): void;
  /** Every token issued so far stops working, as after an uninstall. */
  revokeAllTokens(): void;
  /** Every current OAuth access token expires now (401 until refreshed); PITs are exempt. */
  expireAccessTokens(): void;
  /**
   * The live refresh token of the latest install for `locationId` (default: the simulator's; pass the
   * `companyId` for an agency install), or undefined when it was spent without a successor or revoked.
   * Assert that the SDK's store ends up holding exactly this.
   */
  currentRefreshToken(locationId?: string): string | undefined;
  /** Queues a fault; see `GHLFault`. Throws a TypeError on a malformed route or count. */
  injectFault(fault: GHLFault): void;
  /** Drops every queued fault. */
  clearFaults(): void;
}

export function createControl<Areas extends object>(state: EngineState, areas: Areas): SimulatorControlBase & Areas {
  const { options, registry, faults, stats } = state;
  return {
    ...areas,
    ...createWebhookControl(state),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    locationId: options.locationId,
    companyId: options.companyId,
    stats,
    resetStats: () => resetStats(stats),
    issueTokens: ({ locationId = options.locationId, accessTokenTtlMs, userType = 'Location' } = {}) => {
      const { expiresInSeconds: _seconds, userId, ...tokens } = registry.install({ userType, locationId, accessTokenTtlMs });
      announceInstall(state, userType, locationId, userId);
      return tokens;
    },
    issuePrivateIntegrationToken: ({ locationId = options.locationId } = {}) => registry.issuePrivateIntegrationToken(locationId),
    issueAuthorizationCode: ({ locationId = options.locationId, redirectUri, userType = 'Location' } = {}) => {
      // GHL sends INSTALL when the user approves, racing the redirect that carries the code (docs/ghl-api.md §7, §12).
      announceInstall(state, userType, locationId);
      return registry.issueCode({ userType, locationId }, redirectUri);
    },
    revokeRefreshToken: (token) => registry.revokeRefreshToken(token),
    revokeAccessToken: (token) => registry.revokeAccessToken(token),
    revokeAllTokens: () => registry.revokeAll(),
    expireAccessTokens: () => registry.expireAccessTokens(options.now()),
    currentRefreshToken: (locationId = options.locationId) => registry.currentRefreshToken(locationId),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
  };
}
