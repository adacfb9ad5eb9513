import { GHLConfigError, GHLReauthRequiredError, type GHLError } from '../errors.js';
import type { AuthProvider } from '../http/transport.js';
import { describeObject, inspectCustom } from '../inspect.js';
import { describeError, type GHLLogger } from '../logger.js';
import type { RefreshPolicy } from '../options.js';
import type { TokenStore } from '../stores/token-store.js';
import { stateFor, type KeyState, type RefreshOutcome } from './key-state.js';
import type { OAuthClient } from './oauth.js';
import { isRefreshTokenRejection, isTransientRefreshFailure } from './refresh-failure.js';
import { StoreAccess } from './store-access.js';
import type { TokenSet } from './token-set.js';
import { TokenPersistence } from './token-persistence.js';
import type { GHLTokens, TokenStatus } from './tokens-api.js';


export interface TokenManagerConfig {
  store: TokenStore;
  key: string;
  oauth: OAuthClient;
  policy: RefreshPolicy;
  skewMs: number;
  apiVersion: string;
  logger: GHLLogger;
  now: () => number;
  onTokensRefreshed: ((tokens: TokenSet, key: string) => void | Promise<void>) | undefined;
  /**
   * Settings `GHLClient.fromEnv()` found missing that stored tokens make unnecessary. When the store
   * holds none either, the error is a `GHLConfigError` naming them.
   */
  missingUnlessStored: readonly string[];
  /**
   * Where new tokens come from when this key has none, or none that can be refreshed: a location of
   * an agency install, minted from the company token (`POST /oauth/locationToken`, ghl-api.md §1.4).
   * Runs like a refresh: single-flight per key, inside the mutex and the store's lock, saved before
   * use. A minted set that carries a refresh token is refreshed with it; when GHL rejects that
   * refresh token, the key is minted again instead.
   */
  mint?: (() => Promise<TokenSet>) | undefined;
}

type RefreshReason = 'stale' | 'always' | 'unauthorized' | 'forced';

// After a refresh failed for a passing reason while the access token was still valid, calls use that
// token without trying again for this long: an outage of the token endpoint must not make every
// call wait for its retries.
const REFRESH_RETRY_INTERVAL_MS = 30_000;

/**
 * Hands out a fresh access token before every request.
 *
 * The guarantees, and why: GHL refresh tokens are single-use and rotate (ghl-api.md §1.3), so a
 * second refresh with the same token kills the integration. Hence: one refresh in flight per key
 * (concurrent callers join it); the refresh runs inside an in-process mutex and, when the store has
 * `withLock`, inside the cross-process lock; inside, the store is re-read first because another
 * process may already have refreshed; the rotated tokens are persisted before any caller sees them.
 *
 * When a refresh fails, a still-valid access token keeps calls going (the original integration's
 * fallback): after a passing failure the refresh is retried later; after `invalid_grant` the dead
 * refresh token is never sent again (and is marked in the store for other processes) until the
 * store holds a new one, and the access token serves until it expires.
 */
export class TokenManager implements AuthProvider, GHLTokens {
  readonly key: string;
  // ES private fields: a spread or a reflective walk of `ghl.tokens` must not reach tokens or secrets.
  readonly #config: TokenManagerConfig;
  readonly #state: KeyState;
  readonly #store: StoreAccess;
  readonly #persistence: TokenPersistence;

  constructor(config: TokenManagerConfig) {
    this.#config = config;
    this.key = config.key;
    this.#state = stateFor(config.store, config.key);
    this.#store = new StoreAccess(config.store, config.key, () => {
      const { cache, unsaved } = this.#state;
      return [cache?.accessToken, cache?.refreshToken, unsaved?.accessToken, unsaved?.refreshToken].filter((token): token is string => Boolean(token));
    });
    this.#persistence = new TokenPersistence({ state: this.#state, store: this.#store, key: config.key, logger: config.logger, now: config.now });
  }

  /** Never prints credentials: see src/inspect.ts. */
  [inspectCustom](): string {
    return describeObject('TokenManager', { key: this.key });
  }

  toJSON(): Record<string, unknown> {
    return { key: this.key };
  }

  /** A usable access token, refreshing first when the policy says so. */
  async getAccessToken(): Promise<string> {
    const state = this.#state;
    if (state.unsaved) this.#persistence.retrySoon();
    let tokens = state.unsaved ?? state.cache ?? (await this.#load());
    // Known dead and expired: only a new set in the store can help, and reading it costs no token request
    // (unless this key can be minted again).
    if (tokens && !this.#config.mint && this.#isRejected(tokens) && !this.#accessValid(tokens)) tokens = await this.#reloadAfterRejection();
    if (tokens && this.#servesAsIs(tokens)) return this.#usable(tokens).accessToken;
    return (await this.#refreshShared(this.#config.policy === 'always' ? 'always' : 'stale')).accessToken;
  }

  /**
   * Refreshes now and returns the new token set. A refresh already in flight that will rotate the
   * tokens is joined; one that may keep the current tokens (they turned out fresh, or the token
   * endpoint failed and the fallback applies) is waited for, then a new one runs, so the result is
   * always a rotation.
   */
  async refresh(): Promise<TokenSet> {
    const { inflight, inflightAlwaysRotates } = this.#state;
    if (inflight && !inflightAlwaysRotates) await inflight.catch(() => undefined);
    return this.#refreshShared('forced');
  }

  /** Fresh headers for code that calls GHL itself: `Authorization`, `Version`, `Accept`. */
  async authHeaders(): Promise<{ Authorization: string; Version: string; Accept: string }> {
    return { Authorization: `Bearer ${await this.getAccessToken()}`, Version: this.#config.apiVersion, Accept: 'application/json' };
  }

  /** What is stored for this key, read without refreshing. */
  async status(): Promise<TokenStatus> {
    const tokens = this.#state.unsaved ?? (await this.#store.get());
    const now = this.#config.now();
    const expiresAt = tokens?.expiresAt;
    const expired = tokens ? (tokens.refreshToken ? expiresAt === undefined || expiresAt <= now : expiresAt !== undefined && expiresAt <= now) : true;
    return {
      key: this.key,
      hasTokens: tokens !== null,
      refreshable: Boolean(tokens?.refreshToken),
      accessTokenValid: !expired,
      refreshTokenRejected: tokens ? this.#isRejected(tokens) : false,
      expiresAt,
      expiresInMs: expiresAt === undefined ? undefined : expiresAt - now,
    };
  }

  /** Saves tokens obtained elsewhere (the code exchange) as the current ones. */
  async save(tokens: TokenSet): Promise<void> {
    await this.#state.mutex.runExclusive(() => this.#store.withLock(() => this.#persistence.persist(tokens, 'saved')));
  }

  /** AuthProvider: a 401 came back for `failedToken`. Refresh only if it is still the current token. */
  async handleUnauthorized(failedToken: string): Promise<string | null> {
    let tokens = await this.#refreshShared('unauthorized', failedToken);
    // We may have joined a refresh that began before this 401 and kept the same token; ask once more.
    if (tokens.accessToken === failedToken && this.#renewable(tokens)) tokens = await this.#refreshShared('unauthorized', failedToken);
    return tokens.accessToken === failedToken ? null : tokens.accessToken;
  }

  /** A refresh token, or a minter: whether this key's tokens can be replaced at all. */
  #renewable(tokens: TokenSet): boolean {
    return Boolean(tokens.refreshToken) || this.#config.mint !== undefined;
  }

  #needsRefresh(tokens: TokenSet): boolean {
    if (!this.#renewable(tokens)) return false;
    return tokens.accessToken === '' || tokens.expiresAt === undefined || tokens.expiresAt - this.#config.now() < this.#config.skewMs;
  }

  /** The access token has not expired (an unknown expiry counts as expired). */
  #accessValid(tokens: TokenSet): boolean {
    return tokens.accessToken !== '' && tokens.expiresAt !== undefined && tokens.expiresAt > this.#config.now();
  }

  #isRejected(tokens: TokenSet): boolean {
    return tokens.refreshTokenRejectedAt !== undefined || (tokens.refreshToken !== undefined && tokens.refreshToken === this.#state.rejectedRefreshToken);
  }

  /** Whether `tokens` are handed out without (another) refresh. Expired known-dead sets never get here. */
  #servesAsIs(tokens: TokenSet): boolean {
    if (!this.#renewable(tokens) || (this.#isRejected(tokens) && !this.#config.mint)) return true;
    if (this.#config.now() < this.#state.refreshRetryAt && this.#accessValid(tokens)) return true;
    // A minted token without a refresh token has nothing to rotate: `'always'` too uses it until it needs minting.
    if (!tokens.refreshToken && this.#config.mint) return !this.#needsRefresh(tokens);
    return this.#config.policy === 'expiring' && !this.#needsRefresh(tokens);
  }

  /** Throws when the token cannot be used and cannot be renewed (an expired token with no refresh token). */
  #usable(tokens: TokenSet): TokenSet {
    if (!tokens.refreshToken && tokens.expiresAt !== undefined && tokens.expiresAt <= this.#config.now()) {
      throw new GHLReauthRequiredError(`The GHL access token for "${this.key}" has expired and there is no refresh token: re-run the OAuth flow or set a new token.`);
    }
    return tokens;
  }

  /** First read of the store, shared by concurrent callers so 1 000 calls cause one read. */
  async #load(): Promise<TokenSet | null> {
    const state = this.#state;
    state.loading ??= this.#readStore().finally(() => {
      state.loading = undefined;
    });
    const tokens = await state.loading;
    if (tokens && !state.cache) state.cache = tokens;
    return tokens;
  }

  /** Reads the store; a rejection another process noted there is reported here once. */
  async #readStore(): Promise<TokenSet | null> {
    const tokens = await this.#store.get();
    if (tokens?.refreshTokenRejectedAt !== undefined) this.#reportRejection(tokens, undefined);
    return tokens;
  }

  /** The cached tokens are dead and expired: use the store's if they are new, else fail without a token request. */
  async #reloadAfterRejection(): Promise<TokenSet | null> {
    const stored = await this.#readStore();
    if (stored && !this.#isRejected(stored)) {
      this.#state.cache = stored;
      return stored;
    }
    if (stored) throw this.#reauthError(stored, 'stale');
    return null;
  }

  /**
   * Joins the refresh in flight, or starts one. The `onTokensRefreshed` hook runs after the mutex and
   * the store lock are released and the refresh is no longer "in flight", so a hook that calls the
   * SDK (even one that triggers another refresh) cannot deadlock on them; only the call that started
   * the refresh waits for the hook.
   */
  async #refreshShared(reason: RefreshReason, failedToken?: string): Promise<TokenSet> {
    const state = this.#state;
    if (state.inflight) return (await state.inflight).tokens;
    const run = state.mutex
      .runExclusive(() => this.#store.withLock(() => this.#refreshLocked(reason, failedToken)))
      .finally(() => {
        if (state.inflight === run) state.inflight = undefined;
      });
    state.inflight = run;
    state.inflightAlwaysRotates = reason === 'forced';
    const outcome = await run;
    if (outcome.rotated) await this.#notifyRefreshed(outcome.tokens);
    return outcome.tokens;
  }

  async #notifyRefreshed(tokens: TokenSet): Promise<void> {
    if (!this.#config.onTokensRefreshed) return;
    try {
      await this.#config.onTokensRefreshed(tokens, this.key);
    } catch (error) {
      this.#config.logger.warn(`onTokensRefreshed hook failed: ${describeError(error)}`);
    }
  }

  /** The critical section. Runs with the in-process mutex and the store's lock held. */
  async #refreshLocked(reason: RefreshReason, failedToken: string | undefined): Promise<RefreshOutcome> {
    if (this.#state.unsaved) await this.#persistence.retryNow();
    // Re-read: another process (or client) may have refreshed while we waited for the lock.
    const current = this.#state.unsaved ?? (await this.#readStore());
    return this.#refreshFrom(current, reason, failedToken, true);
  }

  async #refreshFrom(current: TokenSet | null, reason: RefreshReason, failedToken: string | undefined, mayReread: boolean): Promise<RefreshOutcome> {
    const { mint } = this.#config;
    if (!current) {
      if (mint) return this.#mintFor(null, reason, failedToken);
      throw this.#noTokensError();
    }
    this.#state.cache = current;
    if (!current.refreshToken && !mint) return { tokens: this.#usable(current), rotated: false };
    if (this.#isRejected(current) && !mint) return { tokens: this.#afterRejection(current, reason, failedToken, undefined), rotated: false };
    if (reason === 'stale' && !this.#needsRefresh(current)) return { tokens: current, rotated: false };
    if (reason === 'unauthorized' && current.accessToken !== failedToken && !this.#needsRefresh(current)) return { tokens: current, rotated: false };
    if (!current.refreshToken || this.#isRejected(current)) {
      // `'always'` refreshes a refresh token before every call; a valid minted token is not minted again.
      if (reason === 'always' && !this.#isRejected(current) && !this.#needsRefresh(current)) return { tokens: current, rotated: false };
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
        logger.warn(`GHL refresh token for "${this.key}" was rotated by someone else; using the stored one`);
        return this.#refreshFrom(stored, reason === 'unauthorized' ? reason : 'stale', failedToken, false);
      }
      // A minted key needs no re-install: the company token mints a new set (ghl-api.md §1.3, the
      // official SDK's fallback).
      if (this.#config.mint) return this.#mintFor(current, reason, failedToken);
      this.#reportRejection(current, error);
      // Mark the set in the store, so other processes stop sending the dead token too; never when the
      // tokens were deleted meanwhile (an uninstall must stay undone), nor when GHL blamed the app.
      if (stored && isRefreshTokenRejection(error)) await this.#persistence.markRejected(stored);
      return { tokens: this.#afterRejection(current, reason, failedToken, error), rotated: false };
    }
    if (isTransientRefreshFailure(error) && this.#mayFallBack(current, reason, failedToken)) {
      this.#state.refreshRetryAt = this.#config.now() + REFRESH_RETRY_INTERVAL_MS;
      logger.warn(
        `Failed to refresh token proactively: ${describeError(error)}; using the current access token for "${this.key}" (valid until ${iso(current.expiresAt)}), the refresh is tried again in ${REFRESH_RETRY_INTERVAL_MS / 1000} s`,
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
      if (current && isTransientRefreshFailure(error) && this.#mayFallBack(current, reason, failedToken)) {
        this.#state.refreshRetryAt = this.#config.now() + REFRESH_RETRY_INTERVAL_MS;
        this.#config.logger.warn(`Failed to mint a token for "${this.key}": ${describeError(error)}; using the current access token (valid until ${iso(current.expiresAt)})`);
        return { tokens: current, rotated: false };
      }
      throw error;
    }
    this.#state.refreshRetryAt = 0;
    await this.#persistence.persist(tokens, 'by minting it from the company token');
    return { tokens, rotated: true };
  }

  /** Whether a call may go on with `current` although it could not be refreshed. */
  #mayFallBack(current: TokenSet, reason: RefreshReason, failedToken: string | undefined): boolean {
    if (reason === 'forced') return false; // `tokens.refresh()` promises a rotation
    if (reason === 'unauthorized' && current.accessToken === failedToken) return false; // GHL just refused it
    return this.#accessValid(current);
  }

  /** Tokens whose refresh token GHL rejected: served while the access token lasts, else the reason to re-authenticate. */
  #afterRejection(tokens: TokenSet, reason: RefreshReason, failedToken: string | undefined, cause: GHLReauthRequiredError | undefined): TokenSet {
    if (this.#mayFallBack(tokens, reason, failedToken)) return tokens;
    throw cause ?? this.#reauthError(tokens, reason);
  }

  #reauthError(tokens: TokenSet, reason: RefreshReason): GHLReauthRequiredError {
    const why = !this.#accessValid(tokens)
      ? `the access token expired${tokens.expiresAt === undefined ? '' : ` at ${iso(tokens.expiresAt)}`}`
      : reason === 'forced'
        ? `it cannot be refreshed (calls go on with the current access token until ${iso(tokens.expiresAt)})`
        : 'GHL no longer accepts the access token either';
    return new GHLReauthRequiredError(
      `GHL rejected the refresh token for "${this.key}" earlier and ${why}: re-run the OAuth flow (reinstall or reconnect the app, or \`ghl auth\`) to get new tokens. The token endpoint is not called again until the token store holds new tokens.`,
    );
  }

  /** Remembers the dead refresh token, and logs the deadline to re-authenticate once per token. */
  #reportRejection(tokens: TokenSet, cause: GHLError | undefined): void {
    if (tokens.refreshToken === undefined || tokens.refreshToken === this.#state.rejectedRefreshToken) return;
    this.#state.rejectedRefreshToken = tokens.refreshToken;
    const what = cause ? describeError(cause) : `GHL rejected the refresh token for "${this.key}" at ${iso(tokens.refreshTokenRejectedAt)} (noted in the token store)`;
    const deadline = this.#accessValid(tokens)
      ? `Calls go on with the current access token until ${iso(tokens.expiresAt)}; re-run the OAuth flow before then.`
      : 'The access token has expired too: re-run the OAuth flow now.';
    this.#config.logger.error(`GHL authentication failed - may need to re-authenticate: ${what} ${deadline}`);
  }

  #noTokensError(): GHLError {
    const missing = this.#config.missingUnlessStored;
    if (missing.length > 0) {
      return new GHLConfigError(`Missing GHL configuration: ${missing.join(', ')}, and the token store holds no tokens for "${this.key}" (run \`ghl auth\`, or the OAuth flow with ghl.oauth.exchangeCode).`, {
        missing: [...missing],
      });
    }
    return new GHLReauthRequiredError(`No GHL tokens are stored for "${this.key}": run the OAuth flow (ghl.oauth.exchangeCode) or set GHL_REFRESH_TOKEN / GHL_ACCESS_TOKEN.`);
  }
}

/** An epoch-ms instant for log lines and messages. */
function iso(epochMs: number | undefined): string {
  return epochMs === undefined ? 'an unknown time' : new Date(epochMs).toISOString();
}
