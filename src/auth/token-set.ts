import * as z from 'zod/mini';

/**
 * What the SDK keeps per store key. `expiresAt` is absolute (epoch ms), never `expires_in`: a
 * relative lifetime re-read later would make a stale token look fresh (docs/peers.md §1, official SDK).
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
  /**
   * Epoch ms at which GHL rejected this set's refresh token (`invalid_grant`). Written by the SDK so
   * that every process stops sending the dead token: calls go on with the access token until
   * `expiresAt`, then need a new OAuth install. New tokens (a re-install, `ghl auth`) carry none.
   */
  refreshTokenRejectedAt?: number | undefined;
}

/** The stored shape, validated on every read so a corrupt store is a clear error, not a crash. */
export const tokenSetSchema = z.object({
  // Empty is allowed: "no access token yet, refresh first" (a refresh token alone from the env).
  accessToken: z.string(),
  refreshToken: z.optional(z.string()),
  // null: what JSON.stringify wrote for a non-finite expiry before lifetimes were clamped. Read as
  // unknown (so refreshed), not as corrupt: the refresh token next to it is still live.
  expiresAt: z.optional(z.nullable(z.number())),
  scope: z.optional(z.string()),
  userType: z.optional(z.enum(['Location', 'Company'])),
  locationId: z.optional(z.string()),
  companyId: z.optional(z.string()),
  refreshTokenRejectedAt: z.optional(z.number()),
});

/** Keeps stored JSON free of `undefined` noise so stores compare and serialise cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
