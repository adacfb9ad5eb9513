import { createHash } from 'node:crypto';
import type { TokenSet } from '../auth/token-set.js';

/**
 * Which is current: the tokens in the environment (the seed an operator configured) or the durable
 * copy (rotations saved by this or another process)? Neither timestamps nor expiries answer it: a
 * seed usually carries no expiry, and a rotation chain can be older than a re-install. What does:
 * the durable copy remembers the fingerprints of every env seed it has absorbed. A seed it has seen
 * is stale (its refresh token was spent into the copy); a seed it has never seen was put there by
 * an operator after the copy was written (a re-install), and wins until its first rotation is saved.
 */

/** The durable copy of one key: tokens plus the fingerprints of the env seeds it has absorbed. */
export interface DurableRecord {
  tokens: TokenSet;
  /** Undefined when whoever wrote the copy keeps no seed history (e.g. a plain FileTokenStore). */
  envSeeds: string[] | undefined;
}

/** How many seed fingerprints a copy remembers: re-installs are rare, the list must not grow forever. */
const SEED_HISTORY = 20;

/**
 * A fingerprint of a seed token: SHA-256, first 16 hex digits (64 bits). Enough to tell seeds
 * apart; nothing about the token can be recovered from it, so it may sit in a file next to nothing secret.
 */
export function seedFingerprint(seed: TokenSet): string | undefined {
  const token = seed.refreshToken || seed.accessToken;
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : undefined;
}

/**
 * The current tokens for a key, given the env seed and the durable copy:
 * 1. only one of them exists → that one;
 * 2. both hold the same refresh token → the copy (same point in the chain, it may know more);
 * 3. the copy keeps no seed history → the copy (another writer shares it: trust the shared store);
 * 4. the copy has absorbed this seed → the copy (the seed is spent);
 * 5. otherwise the seed is new (an operator re-seeded the env) → the seed.
 */
export function currentTokens(seed: TokenSet | null, durable: DurableRecord | null): TokenSet | null {
  if (!durable) return seed;
  if (!seed) return durable.tokens;
  if (seed.refreshToken && seed.refreshToken === durable.tokens.refreshToken) return durable.tokens;
  if (durable.envSeeds === undefined) return durable.tokens;
  const fingerprint = seedFingerprint(seed);
  return fingerprint !== undefined && durable.envSeeds.includes(fingerprint) ? durable.tokens : seed;
}

/**
 * The seed history to save with a new copy: the old history plus this process's seed, which the
 * new copy supersedes whether it came from rotating that seed, from a code exchange or from the
 * copy itself. Newest last, capped at `SEED_HISTORY`.
 */
export function absorbSeed(previous: string[] | undefined, seed: TokenSet | null): string[] {
  const fingerprint = seed ? seedFingerprint(seed) : undefined;
  const seeds = (previous ?? []).filter((known) => known !== fingerprint);
  if (fingerprint !== undefined) seeds.push(fingerprint);
  return seeds.slice(-SEED_HISTORY);
}
