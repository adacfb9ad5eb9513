import { credentialFreeCopy, GHLError } from '../errors.js';

/** What the token store was doing when Redis failed. */
export type TokenStoreOperation = 'get' | 'set' | 'delete' | 'lock' | 'connect';

/**
 * Redis could not be reached, answered with an error, or holds something that is not a token set;
 * or the refresh lock could not be taken in time. The message names Redis, the operation and the
 * Redis key (a location id, not a secret), never a token.
 */
export class GHLTokenStoreError extends GHLError {
  /** The store operation that failed. */
  readonly operation: TokenStoreOperation;
  /** The Redis key involved, when there is one. */
  readonly redisKey: string | undefined;

  constructor(message: string, init: { operation: TokenStoreOperation; redisKey?: string | undefined; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GHLTokenStoreError';
    this.operation = init.operation;
    this.redisKey = init.redisKey;
  }
}

/**
 * Wraps a failed Redis command. The original error is NOT kept as the cause: ioredis attaches the
 * command and its arguments to reply errors (`err.command.args`), and for `SET` those arguments are
 * the tokens. The cause is a clean copy with only the name, message and code.
 */
export function redisCommandError(operation: TokenStoreOperation, what: string, redisKey: string | undefined, error: unknown): GHLTokenStoreError {
  const reason = error instanceof Error ? error.message : String(error);
  return new GHLTokenStoreError(`Redis token store: ${what} failed (${reason})`, { operation, redisKey, cause: credentialFreeCopy(error, 0) });
}

