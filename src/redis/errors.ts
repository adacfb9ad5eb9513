import { credentialFreeCopy, GHLTokenStoreError, type TokenStoreOperation } from '../errors.js';

export { GHLTokenStoreError, type TokenStoreOperation };

/**
 * Wraps a failed Redis command. The original error is NOT kept as the cause: ioredis attaches the
 * command and its arguments to reply errors (`err.command.args`), and for `SET` those arguments are
 * the tokens. The cause is a clean copy with only the name, message and code.
 */
export function redisCommandError(operation: TokenStoreOperation, what: string, redisKey: string | undefined, error: unknown): GHLTokenStoreError {
  const reason = error instanceof Error ? error.message : String(error);
  return new GHLTokenStoreError(`Redis token store: ${what} failed (${reason})`, { operation, key: redisKey, cause: credentialFreeCopy(error, 0) });
}

