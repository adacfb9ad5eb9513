import { createHash } from 'node:crypto';
import type { TokenSet } from '../auth/token-set.js';

/**
 * Which is current: the tokens in the environment (the seed an operator configured) or the durable
 * copy (rotations saved by this or another process)? Neither timestamps nor expiries answer it: a
 * seed usually carries no expiry, and a rotation chain can be older than a re-install. What does:
 *
 * - The durable copy remembers the fingerprints of every refresh token it has superseded: each one
 *   it replaced with a rotation, and each env seed it absorbed. An env holding one of them holds a
 *   spent token; the copy wins. The seeds are kept apart from the rotations: rotations are trimmed
 *   to the newest `SPENT_HISTORY`, and a seed among them would be pushed out by that many rotations
 *   while no process holding it wrote (another replica on refreshPolicy 'always' rotates that often
 *   in seconds); a restart with it would then take it for new and spend it.
 * - Tokens the SDK itself wrote into env variables (the dotenv copy, and the rotations mirrored into
 *   `process.env`) carry a rotation marker: the fingerprint of the refresh token beside it. A
 *   process whose env was loaded from that file, or forked with that `process.env`, holds a point
 *   of the copy's own chain, never a new seed, however old it is; the copy wins.
 * - Anything else in the env was put there by an operator after the copy was written (a re-install):
 *   it wins until its first rotation is saved.
 */

/** The durable copy of one key: tokens plus the fingerprints of the refresh tokens it has superseded. */
export interface DurableRecord {
  tokens: TokenSet;
  /** Undefined when whoever wrote the copy keeps no history (e.g. a plain FileTokenStore). */
  spent: string[] | undefined;
  /** Fingerprints of the env seeds (an operator's tokens, no rotation marker) the copy superseded; never trimmed by rotations. */
  seeds?: string[] | undefined;
}

/** What the environment holds for the store's location, read once before any rotation is mirrored into it. */
export interface EnvSeed {
  tokens: TokenSet;
  /** The env carries the rotation marker of these tokens: the SDK wrote them, an operator did not. */
  fromRotation: boolean;
}

/**
 * How many fingerprints a copy remembers (17 bytes each, so ~1.7 kB in a .env). The rotation marker
 * covers any chain length for env written by the SDK; the history covers tokens copied by hand.
 */
const SPENT_HISTORY = 100;

/** How many superseded env seeds a copy remembers: one per re-install, so this is never reached in practice. */
const SEED_HISTORY = 100;

/**
 * A fingerprint of a token set's refresh token (its access token when it has none): SHA-256, first
 * 16 hex digits (64 bits). Enough to tell tokens apart; nothing about the token can be recovered
 * from it, so it may sit in a file next to nothing secret.
 */
export function tokenFingerprint(tokens: TokenSet): string | undefined {
  const token = tokens.refreshToken || tokens.accessToken;
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : undefined;
}

/**
 * The current tokens for a key, given the env seed and the durable copy:
 * 1. only one of them exists → that one;
 * 2. both hold the same refresh token → the copy (same point in the chain, it may know more);
 * 3. the seed carries the rotation marker → the copy (the seed is a point of a chain, never new);
 * 4. the copy keeps no history → the copy (another writer shares it: trust the shared store);
 * 5. the copy has superseded this seed → the copy (the seed is spent);
 * 6. otherwise the seed is new (an operator re-seeded the env) → the seed.
 */
export function currentTokens(seed: EnvSeed | null, durable: DurableRecord | null): TokenSet | null {
  if (!durable) return seed?.tokens ?? null;
  if (!seed) return durable.tokens;
  if (seed.tokens.refreshToken && seed.tokens.refreshToken === durable.tokens.refreshToken) return durable.tokens;
  if (seed.fromRotation || durable.spent === undefined) return durable.tokens;
  const fingerprint = tokenFingerprint(seed.tokens);
  return fingerprint !== undefined && (durable.spent.includes(fingerprint) || durable.seeds?.includes(fingerprint) === true) ? durable.tokens : seed.tokens;
}

/**
 * The history to save with `next`: `spent` (see `spentAfter`), and `seeds`: the old ones plus this
 * process's seed when an operator put it there (no rotation marker), never `next`'s own token.
 */
export function historyAfter(previous: DurableRecord | null, seed: EnvSeed | null, next: TokenSet): { spent: string[]; seeds: string[] } {
  const current = tokenFingerprint(next);
  const seeds = [...(previous?.seeds ?? [])];
  const fingerprint = seed && !seed.fromRotation ? tokenFingerprint(seed.tokens) : undefined;
  if (fingerprint !== undefined && fingerprint !== current && !seeds.includes(fingerprint)) seeds.push(fingerprint);
  return { spent: spentAfter(previous, seed, next), seeds: seeds.filter((each) => each !== current).slice(-SEED_HISTORY) };
}

/**
 * The rotation history to save with `next`: the old history, plus the refresh token `next` replaces,
 * plus this process's seed (which the new copy supersedes whether it came from rotating that seed,
 * from a code exchange or from the copy itself). Never `next`'s own token. Newest last, capped at
 * `SPENT_HISTORY`. An operator's seed is also kept in `seeds`, which rotations never trim.
 */
function spentAfter(previous: DurableRecord | null, seed: EnvSeed | null, next: TokenSet): string[] {
  const current = tokenFingerprint(next);
  const superseded = [previous?.tokens, seed?.tokens].map((tokens) => (tokens ? tokenFingerprint(tokens) : undefined));
  const spent = [...(previous?.spent ?? [])];
  for (const fingerprint of superseded) {
    if (fingerprint === undefined || fingerprint === current) continue;
    const at = spent.indexOf(fingerprint);
    if (at !== -1) spent.splice(at, 1);
    spent.push(fingerprint);
  }
  return spent.filter((fingerprint) => fingerprint !== current).slice(-SPENT_HISTORY);
}
