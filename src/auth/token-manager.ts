// One key's access token for every call: served as is, renewed single-flight inside the locks, renewed after a 401.
import { describeObject, inspectCustom } from '../inspect.js';
import { describeError } from '../logger.js';
import type { AuthProvider } from '../http/transport.js';
import { stateFor, type KeyState, type RefreshOutcome } from './key-state.js';
import { RefreshDecision, type RefreshReason } from './refresh-decision.js';
import { RefreshRejection } from './refresh-rejection.js';
import { StoreAccess } from './store-access.js';
import type { TokenManagerConfig } from './token-manager-config.js';
import { TokenPersistence } from './token-persistence.js';
import { TokenRenewal } from './token-renewal.js';
import type { TokenSet } from './token-set.js';
import type { GHLTokens, TokenStatus } from './tokens-api.js';

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
  readonly #decision: RefreshDecision;
  readonly #rejection: RefreshRejection;
  readonly #renewal: TokenRenewal;

  constructor(config: TokenManagerConfig) {
    this.#config = config;
    this.key = config.key;
    this.#state = stateFor(config.store, config.key);
    this.#store = new StoreAccess(config.store, config.key, () => {
      const { cache, unsaved } = this.#state;
      return [cache?.accessToken, cache?.refreshToken, unsaved?.accessToken, unsaved?.refreshToken].filter((token): token is string => Boolean(token));
    });
    this.#persistence = new TokenPersistence({ state: this.#state, store: this.#store, key: config.key, logger: config.logger, now: config.now });
    this.#decision = new RefreshDecision({ config, state: this.#state });
    this.#rejection = new RefreshRejection(config, this.#state, this.#decision);
    this.#renewal = new TokenRenewal({
      config,
      state: this.#state,
      decision: this.#decision,
      rejection: this.#rejection,
      persistence: this.#persistence,
      readStore: () => this.#readStore(),
    });
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
    if (tokens && !this.#config.mint && this.#decision.isRejected(tokens) && !this.#decision.accessValid(tokens)) tokens = await this.#reloadAfterRejection();
    if (tokens && this.#decision.servesAsIs(tokens)) return this.#decision.usable(tokens).accessToken;
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
      refreshTokenRejected: tokens ? this.#decision.isRejected(tokens) : false,
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
    if (tokens.accessToken === failedToken && this.#decision.renewable(tokens)) tokens = await this.#refreshShared('unauthorized', failedToken);
    return tokens.accessToken === failedToken ? null : tokens.accessToken;
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
    if (tokens?.refreshTokenRejectedAt !== undefined) this.#rejection.report(tokens, undefined);
    return tokens;
  }

  /** The cached tokens are dead and expired: use the store's if they are new, else fail without a token request. */
  async #reloadAfterRejection(): Promise<TokenSet | null> {
    const stored = await this.#readStore();
    if (stored && !this.#decision.isRejected(stored)) {
      this.#state.cache = stored;
      return stored;
    }
    if (stored) throw this.#rejection.reauthError(stored, 'stale');
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
    return this.#renewal.from(current, reason, failedToken, true);
  }
}
