import { authorizationCode, ghlId, opaqueToken, privateIntegrationToken } from './ids.js';

/**
 * The simulator's credential state: installs, access tokens, rotating refresh tokens, authorization
 * codes and Private Integration Tokens. GHL semantics (ghl-api.md §1.3, §8):
 * - refresh tokens are single-use: a refresh mints a new pair and kills the old refresh token;
 * - the old access token is NOT killed by a refresh: GHL access tokens live until they expire;
 * - authorization codes are single-use;
 * - PITs never expire and cannot be refreshed.
 */

/** Who a credential belongs to. */
export interface Grant {
  userType: 'Location' | 'Company';
  /** Absent for Company (agency) tokens. */
  locationId?: string;
  companyId: string;
  userId: string;
  scope: string;
}

export interface AccessRecord extends Grant {
  /** Epoch ms (injected clock); `Infinity` for a PIT. */
  expiresAt: number;
  revoked: boolean;
  privateIntegration: boolean;
}

/** What `issueTokens()` returns: assignable to the SDK's `TokenSet`, so a store can be seeded with it. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms by the simulator's clock. */
  expiresAt: number;
  scope: string;
  userType: 'Location' | 'Company';
  locationId?: string;
  companyId: string;
}

/** A freshly minted pair plus what the token endpoint reports about it. */
export interface MintedPair extends IssuedTokens {
  expiresInSeconds: number;
  userId: string;
  /** What the code exchange reports about an agency install (`approvedLocations`, `isBulkInstallation`, …). */
  install?: Record<string, unknown> | undefined;
}

/** A location token minted from a company token (`POST /oauth/locationToken`, ghl-api.md §1.4). */
export interface LocationToken {
  accessToken: string;
  /** Only when the simulator is told GHL sends one (`locationTokenRefreshTokens`). */
  refreshToken?: string | undefined;
  expiresInSeconds: number;
  scope: string;
  locationId: string;
  companyId: string;
  userId: string;
}

export interface InstallRequest {
  userType: 'Location' | 'Company';
  locationId: string;
  /** Lifetime of this first access token; refreshed ones get the simulator default. */
  accessTokenTtlMs?: number | undefined;
  /** Reported by the code exchange of an agency install (`approvedLocations`, `isBulkInstallation`, …). */
  install?: Record<string, unknown> | undefined;
}

interface RefreshRecord {
  grant: Grant;
  installKey: string;
  installId: string;
  live: boolean;
}

interface CodeRecord {
  request: InstallRequest;
  redirectUri: string | undefined;
}

/** Scopes granted to every simulated install: what the contacts endpoints need (ghl-api.md §3). */
const SCOPE = 'contacts.readonly contacts.write';

export class TokenRegistry {
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  /** Install key (locationId, or companyId for agency installs) → its latest install and that chain's newest refresh token. */
  private readonly latest = new Map<string, { installId: string; refreshToken: string }>();

  constructor(
    private readonly settings: { companyId: string; accessTokenTtlMs: number; now: () => number },
  ) {}

  /** A new install ("the app was just installed"): a fresh chain with its own refresh token. */
  install(request: InstallRequest): MintedPair {
    const grant: Grant = {
      userType: request.userType,
      companyId: this.settings.companyId,
      userId: ghlId(),
      scope: SCOPE,
      ...(request.userType === 'Location' ? { locationId: request.locationId } : {}),
    };
    const installKey = request.userType === 'Location' ? request.locationId : this.settings.companyId;
    const installId = ghlId();
    this.latest.set(installKey, { installId, refreshToken: '' });
    const pair = this.mint(grant, { installKey, installId }, request.accessTokenTtlMs ?? this.settings.accessTokenTtlMs);
    return request.install ? { ...pair, install: request.install } : pair;
  }

  /**
   * A location's access token minted with an agency token. The v2 answer carries no refresh token
   * (ghl-api.md §1.4); `withRefreshToken` starts a refresh chain for it, as a later GHL change does.
   */
  mintLocationToken(company: Grant, locationId: string, withRefreshToken: boolean): LocationToken {
    const grant: Grant = { userType: 'Location', locationId, companyId: company.companyId, userId: company.userId, scope: company.scope };
    const ttlMs = this.settings.accessTokenTtlMs;
    if (withRefreshToken) {
      const installId = ghlId();
      this.latest.set(locationId, { installId, refreshToken: '' });
      const { accessToken, refreshToken, expiresInSeconds } = this.mint(grant, { installKey: locationId, installId }, ttlMs);
      return { accessToken, refreshToken, expiresInSeconds, scope: grant.scope, locationId, companyId: grant.companyId, userId: grant.userId };
    }
    const accessToken = opaqueToken();
    this.access.set(accessToken, { ...grant, expiresAt: this.settings.now() + ttlMs, revoked: false, privateIntegration: false });
    return { accessToken, expiresInSeconds: Math.max(1, Math.round(ttlMs / 1000)), scope: grant.scope, locationId, companyId: grant.companyId, userId: grant.userId };
  }

  /** Spends `refreshToken` and mints its successor; undefined when it is unknown, used or revoked. */
  rotate(refreshToken: string): MintedPair | undefined {
    const record = this.refresh.get(refreshToken);
    if (!record?.live) return undefined;
    record.live = false;
    return this.mint(record.grant, record, this.settings.accessTokenTtlMs);
  }

  issueCode(request: InstallRequest, redirectUri: string | undefined): string {
    const code = authorizationCode();
    this.codes.set(code, { request, redirectUri });
    return code;
  }

  /**
   * Spends `code`. A `redirect_uri` is checked only when both the code and the request carry one: the
   * SDK may omit it, and whether GHL requires it is unverified (ghl-api.md §10).
   */
  redeemCode(code: string, redirectUri: string | undefined): MintedPair | undefined {
    const record = this.codes.get(code);
    if (!record) return undefined;
    this.codes.delete(code);
    if (record.redirectUri !== undefined && redirectUri !== undefined && record.redirectUri !== redirectUri) return undefined;
    return this.install(record.request);
  }

  issuePrivateIntegrationToken(locationId: string): string {
    const token = privateIntegrationToken();
    this.access.set(token, {
      userType: 'Location',
      locationId,
      companyId: this.settings.companyId,
      userId: ghlId(),
      scope: SCOPE,
      expiresAt: Infinity,
      revoked: false,
      privateIntegration: true,
    });
    return token;
  }

  /** The grant behind a bearer token, or undefined when it is unknown, revoked or expired. */
  authenticate(token: string, now: number): AccessRecord | undefined {
    const record = this.access.get(token);
    if (!record || record.revoked || now >= record.expiresAt) return undefined;
    return record;
  }

  revokeAccessToken(token: string): void {
    const record = this.access.get(token);
    if (record) record.revoked = true;
  }

  revokeRefreshToken(token: string): void {
    const record = this.refresh.get(token);
    if (record) record.live = false;
  }

  /** Every access token, PIT and refresh token stops working; nothing issued later is affected. */
  revokeAll(): void {
    for (const record of this.access.values()) record.revoked = true;
    for (const record of this.refresh.values()) record.live = false;
  }

  /** Every OAuth token of the installs under `installKey` stops working (an uninstall); PITs are not installs. */
  revokeInstall(installKey: string): void {
    for (const record of this.access.values()) {
      const key = record.userType === 'Location' ? record.locationId : record.companyId;
      if (key === installKey && !record.privateIntegration) record.revoked = true;
    }
    for (const record of this.refresh.values()) if (record.installKey === installKey) record.live = false;
  }

  /** Every current OAuth access token expires now. PITs are exempt: they never expire. */
  expireAccessTokens(now: number): void {
    for (const record of this.access.values()) if (!record.privateIntegration) record.expiresAt = Math.min(record.expiresAt, now);
  }

  /** The live refresh token of the latest install under `installKey`, if it is still live. */
  currentRefreshToken(installKey: string): string | undefined {
    const token = this.latest.get(installKey)?.refreshToken;
    return token !== undefined && this.refresh.get(token)?.live ? token : undefined;
  }

  private mint(grant: Grant, chain: { installKey: string; installId: string }, ttlMs: number): MintedPair {
    const accessToken = opaqueToken();
    const refreshToken = opaqueToken();
    const expiresAt = this.settings.now() + ttlMs;
    this.access.set(accessToken, { ...grant, expiresAt, revoked: false, privateIntegration: false });
    this.refresh.set(refreshToken, { grant, installKey: chain.installKey, installId: chain.installId, live: true });
    const latest = this.latest.get(chain.installKey);
    if (latest?.installId === chain.installId) latest.refreshToken = refreshToken;
    return {
      accessToken,
      refreshToken,
      expiresAt,
      expiresInSeconds: Math.max(1, Math.round(ttlMs / 1000)),
      scope: grant.scope,
      userType: grant.userType,
      ...(grant.locationId === undefined ? {} : { locationId: grant.locationId }),
      companyId: grant.companyId,
      userId: grant.userId,
    };
  }
}
