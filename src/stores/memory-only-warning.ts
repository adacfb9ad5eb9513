import type { TokenSet } from '../auth/token-set.js';
import type { GHLLogger } from '../logger.js';
import { DurableEnvTokenStore } from './durable-env.js';
import type { TokenStore } from './token-store.js';

type RefreshedHook = (tokens: TokenSet, key: string) => void | Promise<void>;

/** Stores already warned about: one warning per store, however many clients and locations share it. */
const warned = new WeakSet<TokenStore>();

/**
 * Wraps the client's `onTokensRefreshed` hook (it runs right after rotated tokens were saved) so the
 * first rotation into a memory-only store (`durable === false`) logs one warning that names the
 * risk and the fix. Never mentions a token.
 */
export function warnOnMemoryOnlyRotation(store: TokenStore, logger: GHLLogger, next: RefreshedHook | undefined): RefreshedHook {
  return (tokens, key) => {
    if (store.durable === false && !warned.has(store)) {
      warned.add(store);
      logger.warn(memoryOnlyWarning(store, key));
    }
    return next?.(tokens, key);
  };
}

function memoryOnlyWarning(store: TokenStore, key: string): string {
  const why = store instanceof DurableEnvTokenStore && store.memoryOnlyReason ? `: ${store.memoryOnlyReason}` : '';
  return (
    `GHL refresh token for "${key}" was rotated, but the token store keeps it in memory only${why}. ` +
    'GHL refresh tokens are single-use: after a restart the GHL_REFRESH_TOKEN in your environment or secret store is already spent and refreshing fails with invalid_grant. ' +
    'Keep tokens durably: set GHL_ENV_FILE to your .env file (EnvTokenStore({ envFile })) or GHL_TOKEN_FILE to a writable path, ' +
    'or pass tokenStore: new FileTokenStore({ path }) or RedisTokenStore (ghl-sdk/redis).'
  );
}
