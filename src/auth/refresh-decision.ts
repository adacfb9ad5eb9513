// When a key's tokens serve as they are, need renewing, or may stand in for a renewal that failed.
import { GHLReauthRequiredError } from '../errors.js';
import type { KeyState } from './key-state.js';
import type { TokenManagerConfig } from './token-manager-config.js';
import type { TokenSet } from './token-set.js';

/** Why a renewal was asked for: before a call (`stale`, `always`), after a 401, or by `tokens.refresh()`. */
export type RefreshReason = 'stale' | 'always' | 'unauthorized' | 'forced';

/**
 * The TokenManager's rules, read from its settings and the key's shared state (a rejected refresh
 * token, a retry deadline after a passing failure); it decides and never changes either.
 */
export class RefreshDecision {
  readonly #config: TokenManagerConfig;
  /** Shared by every client of this store and key (key-state.ts), so one client's failures count for all. */
  readonly #state: KeyState;

  constructor({ config, state }: { config: TokenManagerConfig; state: KeyState }) {
    this.#config = config;
    this.#state = state;
  }

  /** A refresh token, or a minter: whether this key's tokens can be replaced at all. */
  renewable(tokens: TokenSet): boolean {
    return Boolean(tokens.refreshToken) || this.#config.mint !== undefined;
  }

  needsRefresh(tokens: TokenSet): boolean {
    if (!this.renewable(tokens)) return false;
    return tokens.accessToken === '' || tokens.expiresAt === undefined || tokens.expiresAt - this.#config.now() < this.#config.skewMs;
  }

  /** The access token has not expired (an unknown expiry counts as expired). */
  accessValid(tokens: TokenSet): boolean {
    return tokens.accessToken !== '' && tokens.expiresAt !== undefined && tokens.expiresAt > this.#config.now();
  }

  isRejected(tokens: TokenSet): boolean {
    return tokens.refreshTokenRejectedAt !== undefined || (tokens.refreshToken !== undefined && tokens.refreshToken === this.#state.rejectedRefreshToken);
  }

  /** Whether `tokens` are handed out without (another) refresh. Expired known-dead sets never get here. */
  servesAsIs(tokens: TokenSet): boolean {
    if (!this.renewable(tokens) || (this.isRejected(tokens) && !this.#config.mint)) return true;
    if (this.#config.now() < this.#state.refreshRetryAt && this.accessValid(tokens)) return true;
    // A minted token without a refresh token has nothing to rotate: `'always'` too uses it until it needs minting.
    if (!tokens.refreshToken && this.#config.mint) return !this.needsRefresh(tokens);
    return this.#config.policy === 'expiring' && !this.needsRefresh(tokens);
  }

  /** Throws when the token cannot be used and cannot be renewed (an expired token with no refresh token). */
  usable(tokens: TokenSet): TokenSet {
    if (!tokens.refreshToken && tokens.expiresAt !== undefined && tokens.expiresAt <= this.#config.now()) {
      throw new GHLReauthRequiredError(`The GHL access token for "${this.#config.key}" has expired and there is no refresh token: re-run the OAuth flow or set a new token.`);
    }
    return tokens;
  }

  /** Whether a call may go on with `current` although it could not be refreshed. */
  mayFallBack(current: TokenSet, reason: RefreshReason, failedToken: string | undefined): boolean {
    if (reason === 'forced') return false; // `tokens.refresh()` promises a rotation
    if (reason === 'unauthorized' && current.accessToken === failedToken) return false; // GHL just refused it
    return this.accessValid(current);
  }
}
