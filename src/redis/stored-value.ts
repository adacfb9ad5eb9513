import { tokenSetSchema, type TokenSet } from '../auth/token-set.js';
import { GHLTokenStoreError } from '../errors.js';

/**
 * What `RedisTokenStore` keeps at `prefix + key`: the token set as JSON plus two bookkeeping fields,
 * stripped on read, that let processes put tokens back after Redis lost its data:
 *
 * - `revision`: 1 + the revision of the value it replaced, so later values of a key have higher
 *   revisions (a value written before these fields existed counts as 0);
 * - `restored: true`: the value was put back from a process's memory after Redis lost its data.
 *
 * And at `prefix + 'generation'`: a random id, created with the first write. A key that is missing
 * while the generation a process saw it in still exists was deleted on purpose (an uninstall); a
 * generation that is missing or different means Redis lost its data since (see token-store.ts).
 */
export interface StoredValue {
  tokens: TokenSet;
  revision: number;
  restored: boolean;
}

/** Parses a stored value; anything that is not a token set is a `GHLTokenStoreError` that never quotes the value. */
export function decodeStoredValue(text: string, redisKey: string): StoredValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!tokenSetSchema.safeParse(parsed).success) {
    // No cause and no excerpt: JSON.parse's message quotes the value, and the value holds tokens.
    throw new GHLTokenStoreError(`Redis token store: the value at ${redisKey} is not a JSON token set; fix or delete that key`, { operation: 'get', key: redisKey });
  }
  const { revision, restored, ...tokens } = parsed as TokenSet & { revision?: unknown; restored?: unknown };
  return { tokens, revision: typeof revision === 'number' ? revision : 0, restored: restored === true };
}

/** The token set as JSON, for `SET_TOKENS` (which adds the revision) and `RESTORE_TOKENS`. */
export function encodeTokens(tokens: TokenSet, extra: { revision: number; restored: true } | undefined = undefined): string {
  return JSON.stringify(extra ? { ...tokens, ...extra } : tokens);
}

// The scripts touch one key each, so they run on Redis Cluster too. `cjson` decodes (never
// re-encodes) the stored value: the tokens are written exactly as the SDK serialised them.

/** KEYS[1] the token key, ARGV[1] the token JSON. Writes it with the next revision; returns that revision. */
export const SET_TOKENS = `
local current = redis.call('get', KEYS[1])
local revision = 0
if current then
  local ok, value = pcall(cjson.decode, current)
  if ok and type(value) == 'table' and type(value.revision) == 'number' then revision = value.revision end
end
revision = revision + 1
redis.call('set', KEYS[1], string.sub(ARGV[1], 1, -2) .. ',"revision":' .. revision .. '}')
return revision`;

/**
 * KEYS[1] the token key, ARGV[1] the value to restore (with `revision` and `restored`), ARGV[2] its
 * revision. Writes it only where nothing is stored, or where a restored value with a lower revision
 * is (a process holding older tokens put them back first). Returns 1 when written.
 */
export const RESTORE_TOKENS = `
local current = redis.call('get', KEYS[1])
if current then
  local ok, value = pcall(cjson.decode, current)
  if not (ok and type(value) == 'table' and value.restored == true and type(value.revision) == 'number' and value.revision < tonumber(ARGV[2])) then return 0 end
end
redis.call('set', KEYS[1], ARGV[1])
return 1`;

/** KEYS[1] the generation key, ARGV[1] a new id. Creates it if missing; returns the current one. */
export const ENSURE_GENERATION = `
redis.call('set', KEYS[1], ARGV[1], 'NX')
return redis.call('get', KEYS[1])`;
