// Where a key's new tokens come from, with the locks held: a refresh with its refresh token, or a
// mint from the company token; and what a call gets when that fails.
import { GHLConfigError, GHLReauthRequiredError, type GHLError } from '../errors.js';
import { describeError } from '../logger.js';
import { iso } from './iso-time.js';
import type { KeyState, RefreshOutcome } from './key-state.js';
import type { RefreshDecision, RefreshReason } from './refresh-decision.js';
import { isRefreshTokenRejection, isTransientRefreshFailure } from './refresh-failure.js';
import type { RefreshRejection } from './refresh-rejection.js';
import type { TokenManagerConfig } from './token-manager-config.js';
import type { TokenPersistence } from './token-persistence.js';
import type { TokenSet } from './token-set.js';

// After a refresh failed for a passing reason while the access token was still valid, calls use that
// token without trying again for this long: an outage of the token endpoint must not make every
// call wait for its retries.
const REFRESH_RETRY_INTERVAL_MS = 30_000;

export interface TokenRenewalParts {
  config: TokenManagerConfig;
  state: KeyState;
  decision: RefreshDecision;
  rejection: RefreshRejection;
  persistence: TokenPersistence;
  /** Reads the store, reporting a rejection another process noted there. */
  readStore: () => Promise<TokenSet | null>;
}

export class TokenRenewal {
  readonly #config: TokenManagerConfig;
  readonly #state: KeyState;
  readonly #decision: RefreshDecision;
  readonly #rejection: RefreshRejection;
  readonly #persistence: TokenPersistence;
  readonly #readStore: () => Promise<TokenSet | null>;

  constructor(parts: TokenRenewalParts) {
    this.#config = parts.config;
    this.#state = parts.state;
    this.#decision = parts.decision;
    this.#rejection = parts.rejection;
    this.#persistence = parts.persistence;
    this.#readStore = parts.readStore;
  }

  /** Renews `current` (the store's tokens, read inside the locks) if `reason` still calls for it. */
  async from(current: TokenSet | null, reason: RefreshReason, failedToken: string | undefined, mayReread: boolean): Promise<RefreshOutcome> {
    const { mint } = this.#config;
    const decision = this.#decision;
    if (!current) {
      if (mint) return this.#mintFor(null, reason, failedToken);
      throw this.#noTokensError();
    }
    this.#state.cache = current;
    if (!current.refreshToken && !mint) return { tokens: decision.usable(current), rotated: false };
    if (decision.isRejected(current) && !mint) return { tokens: this.#rejection.afterRejection(current, reason, failedToken, undefined), rotated: false };
    if (reason === 'stale' && !decision.needsRefresh(current)) return { tokens: current, rotated: false };
    if (reason === 'unauthorized' && current.accessToken !== failedToken && !decision.needsRefresh(current)) return { tokens: current, rotated: false };
    if (!current.refreshToken || decision.isRejected(current)) {
      // `'always'` refreshes a refresh token before every call; a valid minted token is not minted again.
      if (reason === 'always' && !decision.isRejected(current) && !decision.needsRefresh(current)) return { tokens: current, rotated: false };
      return this.#mintFor(current, reason, failedToken);
    }

    let tokens: TokenSet;
    try {
      tokens = await this.#config.oauth.refresh(current, { reread: () => this.#readStore() });
    } catch (error) {
      return this.#recover(error, current, reason, failedToken, mayReread);
    }
    this.#state.refreshRetryAt = 0;
    await this.#persistence.persist(tokens, reason === 'unauthorized' ? 'after a 401' : 'proactively before API call');
    return { tokens, rotated: true };
  }

  async #recover(error: unknown, current: TokenSet, reason: RefreshReason, failedToken: string | undefined, mayReread: boolean): Promise<RefreshOutcome> {
    const { logger } = this.#config;
    if (error instanceof GHLReauthRequiredError) {
      // Someone outside our lock (a process without withLock) may have rotated the token: re-read once.
      const stored = mayReread ? await this.#readStore() : current;
      if (stored && stored.refreshToken !== current.refreshToken) {
        logger.warn(`GHL refresh token for "${this.#config.key}" was rotated by someone else; using the stored one`);
        return this.from(stored, reason === 'unauthorized' ? reason : 'stale', failedToken, false);
      }
      // A minted key needs no re-install: the company token mints a new set (ghl-api.md §1.3, the
      // official SDK's fallback).
      if (this.#config.mint) return this.#mintFor(current, reason, failedToken);
      this.#rejection.report(current, error);
      // Mark the set in the store, so other processes stop sending the dead token too; never when the
      // tokens were deleted meanwhile (an uninstall must stay undone), nor when GHL blamed the app.
      if (stored && isRefreshTokenRejection(error)) await this.#persistence.markRejected(stored);
      return { tokens: this.#rejection.afterRejection(current, reason, failedToken, error), rotated: false };
    }
    if (isTransientRefreshFailure(error) && this.#decision.mayFallBack(current, reason, failedToken)) {
      this.#state.refreshRetryAt = this.#config.now() + REFRESH_RETRY_INTERVAL_MS;
      logger.warn(
        `Failed to refresh token proactively: ${describeError(error)}; using the current access token for "${this.#config.key}" (valid until ${iso(current.expiresAt)}), the refresh is tried again in ${REFRESH_RETRY_INTERVAL_MS / 1000} s`,
      );
      return { tokens: current, rotated: false };
    }
    logger.warn(`Failed to refresh token proactively: ${describeError(error)}`);
    throw error;
  }

  /**
   * New tokens from the minter, with the locks held, saved before use. A passing failure while the
   * current access token is valid falls back to it, as a failed refresh does.
   */
  async #mintFor(current: TokenSet | null, reason: RefreshReason, failedToken: string | undefined): Promise<RefreshOutcome> {
    const mint = this.#config.mint as () => Promise<TokenSet>;
    let tokens: TokenSet;
    try {
      tokens = await mint();
    } catch (error) {
      if (current && isTransientRefreshFailure(error) && this.#decision.mayFallBack(current, reason, failedToken)) {
        this.#state.refreshRetryAt = this.#config.now() + REFRESH_RETRY_INTERVAL_MS;
        this.#config.logger.warn(`Failed to mint a token for "${this.#config.key}": ${describeError(error)}; using the current access token (valid until ${iso(current.expiresAt)})`);
        return { tokens: current, rotated: false };
      }
      throw error;
    }
    this.#state.refreshRetryAt = 0;
    await this.#persistence.persist(tokens, 'by minting it from the company token');
    return { tokens, rotated: true };
  }

  #noTokensError(): GHLError {
    const key = this.#config.key;
    const missing = this.#config.missingUnlessStored;
    if (missing.length > 0) {
      return new GHLConfigError(`Missing GHL configuration: ${missing.join(', ')}, and the token store holds no tokens for "${key}" (run \`ghl auth\`, or the OAuth flow with ghl.oauth.exchangeCode).`, {
        missing: [...missing],
      });
    }
    return new GHLReauthRequiredError(`No GHL tokens are stored for "${key}": run the OAuth flow (ghl.oauth.exchangeCode) or set GHL_REFRESH_TOKEN / GHL_ACCESS_TOKEN.`);
  }
}
