import * as z from 'zod/mini';

/**
 * What the SDK keeps per store key. `expiresAt` is absolute (epoch ms), never `expires_in`: a
 * relative lifetime re-read later would make a stale token look fresh (peers.md §1, official SDK).
 */
export interface TokenSet {
  accessToken: string;
  /** Absent for a Private Integration Token, which is used as is and never refreshed. */
  refreshToken?: string | undefined;
  /** Epoch ms. Unknown expiry with a refresh token counts as expired. */
  expiresAt?: number | undefined;
  scope?: string | undefined;
  userType?: 'Location' | 'Company' | undefined;
  locationId?: string | undefined;
  companyId?: string | undefined;
}

/** The stored shape, validated on every read so a corrupt store is a clear error, not a crash. */
export const tokenSetSchema = z.object({
  // Empty is allowed: "no access token yet, refresh first" (a refresh token alone from the env).
  accessToken: z.string(),
  refreshToken: z.optional(z.string()),
  expiresAt: z.optional(z.number()),
  scope: z.optional(z.string()),
  userType: z.optional(z.enum(['Location', 'Company'])),
  locationId: z.optional(z.string()),
  companyId: z.optional(z.string()),
});

/** `POST /oauth/token` 200 body (`GetAccessCodeSuccessfulResponseDto`); only what we use is required. */
export const tokenResponseSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.optional(z.string()),
  expires_in: z.optional(z.number()),
  scope: z.optional(z.string()),
  userType: z.optional(z.string()),
  locationId: z.optional(z.string()),
  companyId: z.optional(z.string()),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * Turns a token response into a TokenSet. GHL rotates refresh tokens, so the new one always wins;
 * the previous one is kept only when the response carries none — never re-pin an old token over a
 * newer one (the google-auth-library bug, ARCHITECTURE.md "Known traps").
 */
export function tokenSetFromResponse(response: TokenResponse, now: number, previous?: TokenSet | null): TokenSet {
  const userType = response.userType === 'Location' || response.userType === 'Company' ? response.userType : previous?.userType;
  return dropUndefined({
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    expiresAt: response.expires_in === undefined ? undefined : now + response.expires_in * 1000,
    scope: response.scope ?? previous?.scope,
    userType,
    locationId: response.locationId ?? previous?.locationId,
    companyId: response.companyId ?? previous?.companyId,
  });
}

/** Keeps stored JSON free of `undefined` noise so stores compare and serialise cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
