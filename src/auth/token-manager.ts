import { Mutex } from 'async-mutex';
import { GHLError, GHLReauthRequiredError, GHLResponseError } from '../errors.js';
import type { AuthProvider } from '../http/transport.js';
import { describeError, type GHLLogger } from '../logger.js';
import type { RefreshPolicy } from '../options.js';
import type { TokenStore } from '../stores/token-store.js';
import type { OAuthClient } from './oauth.js';
import { tokenSetSchema, type TokenSet } from './token-set.js';
import { describeObject, inspectCustom } from '../inspect.js';

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
}

/** What `ghl.tokens.status()` reports. Never contains a token. */
export interface TokenStatus {
  /** The store key (the location id). */
  key: string;
  /** Tokens exist for this key. */
  hasTokens: boolean;
  /** A refresh token exists (false for a Private Integration Token). */
  refreshable: boolean;
  /** The access token is usable right now (not known to be expired). */
  accessTokenValid: boolean;
  /** Epoch ms, when known. */
  expiresAt: number | undefined;
  /** Milliseconds left, when known (negative once expired). */
  expiresInMs: number | undefined;
}

/** `ghl.tokens`: token access for code that needs it. */
export interface GHLTokens {
  /** A usable access token, refreshed first when the client's policy says so. */
  getAccessToken(): Promise<string>;
  /** Refreshes now (rotating the refresh token, saved before this resolves) and returns the new set. */
  refresh(): Promise<TokenSet>;
  /** What is stored for this location, read without refreshing. Never contains a token. */
  status(): Promise<TokenStatus>;
  /** Fresh headers for code that calls GHL itself: `Authorization`, `Version`, `Accept`. */
  authHeaders(): Promise<{ Authorization: string; Version: string; Accept: string }>;
}

type RefreshReason = 'stale' | 'always' | 'unauthorized' | 'forced';

interface RefreshOutcome {
  tokens: TokenSet;
  /** True when this refresh rotated the tokens (and saved them); false when a re-read made it unnecessary. */
  rotated: boolean;
}

// While rotated tokens could not be saved, how often a call may try again (the store may be down).
const UNSAVED_RETRY_INTERVAL_MS = 5_000;

/**
 * Per store object and key, shared by every client in this process (so `ghl.location(id)` clients
 * and two `GHLClient`s over one store still refresh once): the mutex, the refresh in flight, the
 * last known tokens, and tokens that were refreshed but could not be saved. The mutex is
 * async-mutex's (FIFO; a holder that throws releases it).
 */
interface KeyState {
  mutex: Mutex;
  inflight: Promise<RefreshOutcome> | undefined;
  /** Whether the refresh in flight will call the token endpoint whatever it finds ('always', 'forced'). */
  inflightRefreshesAlways: boolean;
  /** When saving `unsaved` was last tried (epoch ms), to retry it without hammering a broken store. */
  lastSaveAttempt: number;
  loading: Promise<TokenSet | null> | undefined;
  cache: TokenSet | undefined;
  unsaved: TokenSet | undefined;
}

const keyStates = new WeakMap<TokenStore, Map<string, KeyState>>();

function stateFor(store: TokenStore, key: string): KeyState {
  let byKey = keyStates.get(store);
  if (!byKey) {
    byKey = new Map();
    keyStates.set(store, byKey);
  }
  let state = byKey.get(key);
  if (!state) {
    state = { mutex: new Mutex(), inflight: undefined, inflightRefreshesAlways: false, lastSaveAttempt: 0, loading: undefined, cache: undefined, unsaved: undefined };
    byKey.set(key, state);
  }
  return state;
}

/**
 * Hands out a fresh access token before every request.
 *
 * The guarantees, and why: GHL refresh tokens are single-use and rotate (ghl-api.md §1.3), so a
 * second refresh with the same token kills the integration. Hence: one refresh in flight per key
 * (concurrent callers join it); the refresh runs inside an in-process mutex and, when the store has
 * `withLock`, inside the cross-process lock; inside, the store is re-read first because another
 * process may already have refreshed; the rotated tokens are persisted before any caller sees them.
 */
export class TokenManager implements AuthProvider, GHLTokens {
  readonly key: string;
  private readonly config: TokenManagerConfig;
  private readonly state: KeyState;

  constructor(config: TokenManagerConfig) {
    this.config = config;
    this.key = config.key;
    this.state = stateFor(config.store, config.key);
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
    if (this.config.policy === 'always') {
      const known = this.state.unsaved ?? this.state.cache ?? (await this.load());
      // A Private Integration Token has nothing to refresh: used as is.
      if (known && !known.refreshToken) return this.usable(known).accessToken;
      return (await this.refreshShared('always')).accessToken;
    }
    if (this.state.unsaved) this.retrySavingUnsavedSoon();
    const tokens = this.state.unsaved ?? this.state.cache ?? (await this.load());
    if (tokens && !this.needsRefresh(tokens)) return this.usable(tokens).accessToken;
    return (await this.refreshShared('stale')).accessToken;
  }

  /**
   * Refreshes now and returns the new token set. A refresh already in flight that will rotate the
   * tokens is joined; one that may find the tokens fresh and skip the token endpoint is waited for,
   * then a new one runs, so the result is always a rotation.
   */
  async refresh(): Promise<TokenSet> {
    if (this.state.inflight && !this.state.inflightRefreshesAlways) await this.state.inflight.catch(() => undefined);
    return this.refreshShared('forced');
  }

  /** Fresh headers for code that calls GHL itself: `Authorization`, `Version`, `Accept`. */
  async authHeaders(): Promise<{ Authorization: string; Version: string; Accept: string }> {
    return { Authorization: `Bearer ${await this.getAccessToken()}`, Version: this.config.apiVersion, Accept: 'application/json' };
  }

  /** What is stored for this key, read without refreshing. */
  async status(): Promise<TokenStatus> {
    const tokens = this.state.unsaved ?? (await this.readStore());
    const now = this.config.now();
    const expiresAt = tokens?.expiresAt;
    const expired = tokens ? (tokens.refreshToken ? expiresAt === undefined || expiresAt <= now : expiresAt !== undefined && expiresAt <= now) : true;
    return {
      key: this.key,
      hasTokens: tokens !== null,
      refreshable: Boolean(tokens?.refreshToken),
      accessTokenValid: !expired,
      expiresAt,
      expiresInMs: expiresAt === undefined ? undefined : expiresAt - now,
    };
  }

  /** Saves tokens obtained elsewhere (the code exchange) as the current ones. */
  async save(tokens: TokenSet): Promise<void> {
    await this.state.mutex.runExclusive(() => this.withStoreLock(() => this.persist(tokens, 'saved')));
  }

  /** AuthProvider: a 401 came back for `failedToken`. Refresh only if it is still the current token. */
  async handleUnauthorized(failedToken: string): Promise<string | null> {
    let tokens = await this.refreshShared('unauthorized', failedToken);
    // We may have joined a refresh that began before this 401 and kept the same token; ask once more.
    if (tokens.accessToken === failedToken && tokens.refreshToken) tokens = await this.refreshShared('unauthorized', failedToken);
    return tokens.accessToken === failedToken ? null : tokens.accessToken;
  }

  private needsRefresh(tokens: TokenSet): boolean {
    if (!tokens.refreshToken) return false;
    return tokens.accessToken === '' || tokens.expiresAt === undefined || tokens.expiresAt - this.config.now() < this.config.skewMs;
  }

  /** Throws when the token cannot be used and cannot be renewed (an expired token with no refresh token). */
  private usable(tokens: TokenSet): TokenSet {
    if (!tokens.refreshToken && tokens.expiresAt !== undefined && tokens.expiresAt <= this.config.now()) {
      throw new GHLReauthRequiredError(`The GHL access token for "${this.key}" has expired and there is no refresh token: re-run the OAuth flow or set a new token.`);
    }
    return tokens;
  }

  /** First read of the store, shared by concurrent callers so 1 000 calls cause one read. */
  private async load(): Promise<TokenSet | null> {
    this.state.loading ??= this.readStore().finally(() => {
      this.state.loading = undefined;
    });
    const tokens = await this.state.loading;
    if (tokens && !this.state.cache) this.state.cache = tokens;
    return tokens;
  }

  private async readStore(): Promise<TokenSet | null> {
    const raw = await this.config.store.get(this.key);
    if (raw === null || raw === undefined) return null;
    const parsed = tokenSetSchema.safeParse(raw);
    if (!parsed.success) {
      throw new GHLResponseError(`The token store holds malformed tokens for "${this.key}" (${parsed.error.issues.map((i) => i.path.join('.') || 'root').join(', ')})`, undefined);
    }
    return parsed.data as TokenSet;
  }

  /**
   * Joins the refresh in flight, or starts one. The `onTokensRefreshed` hook runs after the mutex and
   * the store lock are released and the refresh is no longer "in flight", so a hook that calls the
   * SDK (even one that triggers another refresh) cannot deadlock on them; only the call that started
   * the refresh waits for the hook.
   */
  private async refreshShared(reason: RefreshReason, failedToken?: string): Promise<TokenSet> {
    const inflight = this.state.inflight;
    if (inflight) return (await inflight).tokens;
    const run = this.state.mutex
      .runExclusive(() => this.withStoreLock(() => this.refreshLocked(reason, failedToken)))
      .finally(() => {
        if (this.state.inflight === run) this.state.inflight = undefined;
      });
    this.state.inflight = run;
    this.state.inflightRefreshesAlways = reason === 'always' || reason === 'forced';
    const outcome = await run;
    if (outcome.rotated) await this.notifyRefreshed(outcome.tokens);
    return outcome.tokens;
  }

  private async notifyRefreshed(tokens: TokenSet): Promise<void> {
    if (!this.config.onTokensRefreshed) return;
    try {
      await this.config.onTokensRefreshed(tokens, this.key);
    } catch (error) {
      this.config.logger.warn(`onTokensRefreshed hook failed: ${describeError(error)}`);
    }
  }

  private withStoreLock<T>(fn: () => Promise<T>): Promise<T> {
    const { store } = this.config;
    return store.withLock ? store.withLock(this.key, fn) : fn();
  }

  /** The critical section. Runs with the in-process mutex and the store's lock held. */
  private async refreshLocked(reason: RefreshReason, failedToken: string | undefined): Promise<RefreshOutcome> {
    if (this.state.unsaved) await this.retrySavingUnsaved();
    // Re-read: another process (or client) may have refreshed while we waited for the lock.
    const current = this.state.unsaved ?? (await this.readStore());
    if (!current) {
      throw new GHLReauthRequiredError(
        `No GHL tokens are stored for "${this.key}": run the OAuth flow (ghl.oauth.exchangeCode) or set GHL_REFRESH_TOKEN / GHL_ACCESS_TOKEN.`,
      );
    }
    this.state.cache = current;
    if (!current.refreshToken) return { tokens: this.usable(current), rotated: false };
    if (reason === 'stale' && !this.needsRefresh(current)) return { tokens: current, rotated: false };
    if (reason === 'unauthorized' && current.accessToken !== failedToken && !this.needsRefresh(current)) return { tokens: current, rotated: false };

    const outcome = await this.refreshWithRecovery(current);
    if (outcome.rotated) await this.persist(outcome.tokens, reason === 'unauthorized' ? 'after a 401' : 'proactively before API call');
    return outcome;
  }

  private async refreshWithRecovery(current: TokenSet): Promise<RefreshOutcome> {
    try {
      return { tokens: await this.config.oauth.refresh(current, { reread: () => this.readStore() }), rotated: true };
    } catch (error) {
      if (error instanceof GHLReauthRequiredError) {
        // Someone outside our lock (a process without withLock) may have rotated the token: re-read once.
        const again = await this.readStore();
        if (again?.refreshToken && again.refreshToken !== current.refreshToken) {
          this.config.logger.warn(`GHL refresh token for "${this.key}" was rotated by someone else; using the stored one`);
          this.state.cache = again;
          if (!this.needsRefresh(again)) return { tokens: again, rotated: false };
          return { tokens: await this.config.oauth.refresh(again), rotated: true };
        }
        this.config.logger.error(`GHL authentication failed - may need to re-authenticate: ${describeError(error)}`);
      } else {
        this.config.logger.warn(`Failed to refresh token proactively: ${describeError(error)}`);
      }
      throw error;
    }
  }

  /**
   * Saves rotated tokens before anyone may use them. If the store fails, the old refresh token is
   * already spent, so the new set is kept in memory (used by this process, saving retried on the
   * next refresh) and the caller gets an error rather than silent loss.
   */
  private async persist(tokens: TokenSet, how: string): Promise<void> {
    this.state.cache = tokens;
    try {
      await this.config.store.set(this.key, tokens);
      this.state.unsaved = undefined;
    } catch (cause) {
      this.state.unsaved = tokens;
      this.config.logger.error(
        `GHL tokens for "${this.key}" were refreshed but the token store could not save them (${describeError(cause)}); they are kept in memory for this process and saving will be retried`,
      );
      throw new GHLError(
        `GHL tokens for "${this.key}" were refreshed but the token store could not save them; they are kept in memory for this process and saving will be retried`,
        { cause },
      );
    }
    this.config.logger.info(`GHL token ${how === 'saved' ? 'saved' : `refreshed ${how}`} for "${this.key}"`);
  }

  /**
   * Tokens that could not be saved are the only live copy (the old refresh token is spent): other
   * processes and a restart depend on saving them, so calls retry it in the background, at most
   * every few seconds, under the same locks as a refresh. The next refresh (maybe a day away) would
   * be too late.
   */
  private retrySavingUnsavedSoon(): void {
    const now = this.config.now();
    if (now - this.state.lastSaveAttempt < UNSAVED_RETRY_INTERVAL_MS) return;
    this.state.lastSaveAttempt = now;
    this.state.mutex.runExclusive(() => this.withStoreLock(() => this.retrySavingUnsaved())).catch((error: unknown) => {
      this.config.logger.warn(`GHL tokens for "${this.key}" still cannot be saved to the token store: ${describeError(error)}`);
    });
  }

  private async retrySavingUnsaved(): Promise<void> {
    const unsaved = this.state.unsaved;
    if (!unsaved) return;
    try {
      await this.config.store.set(this.key, unsaved);
      this.state.unsaved = undefined;
      this.config.logger.info(`GHL tokens for "${this.key}" kept in memory were saved to the token store`);
    } catch (error) {
      this.config.logger.warn(`GHL tokens for "${this.key}" still cannot be saved to the token store: ${describeError(error)}`);
    }
  }
}
