import { GHLTokenStoreError } from '../errors.js';
import { describeError, type GHLLogger } from '../logger.js';
import type { KeyState } from './key-state.js';
import type { StoreAccess } from './store-access.js';
import type { TokenSet } from './token-set.js';

// While rotated tokens could not be saved, how often a call may try again (the store may be down).
const UNSAVED_RETRY_INTERVAL_MS = 5_000;

/**
 * Writes a key's tokens to the store for the TokenManager, and keeps them when the store fails:
 * after a rotation the old refresh token is spent, so the new set in memory is the only live copy.
 */
export class TokenPersistence {
  readonly #state: KeyState;
  readonly #store: StoreAccess;
  readonly #key: string;
  readonly #logger: GHLLogger;
  readonly #now: () => number;

  constructor(init: { state: KeyState; store: StoreAccess; key: string; logger: GHLLogger; now: () => number }) {
    this.#state = init.state;
    this.#store = init.store;
    this.#key = init.key;
    this.#logger = init.logger;
    this.#now = init.now;
  }

  /**
   * Saves rotated tokens before anyone may use them. If the store fails, the new set is kept in
   * memory (used by this process, saving retried by later calls) and the caller gets an error
   * rather than silent loss.
   */
  async persist(tokens: TokenSet, how: string): Promise<void> {
    const state = this.#state;
    state.cache = tokens;
    try {
      await this.#store.set(tokens);
      state.unsaved = undefined;
    } catch (cause) {
      state.unsaved = tokens;
      this.#logger.error(
        `GHL tokens for "${this.#key}" were refreshed but the token store could not save them (${describeError(cause)}); they are kept in memory for this process and saving will be retried`,
      );
      throw new GHLTokenStoreError(
        `GHL tokens for "${this.#key}" were refreshed but the token store could not save them; they are kept in memory for this process and saving will be retried`,
        { operation: 'set', key: this.#key, cause },
      );
    }
    this.#logger.info(`GHL token ${how === 'saved' ? 'saved' : `refreshed ${how}`} for "${this.#key}"`);
  }

  /**
   * Tokens that could not be saved are the only live copy: other processes and a restart depend on
   * saving them, so calls retry it in the background, at most every few seconds, under the same
   * locks as a refresh. The next refresh (maybe a day away) would be too late.
   */
  retrySoon(): void {
    const state = this.#state;
    const now = this.#now();
    if (now - state.lastSaveAttempt < UNSAVED_RETRY_INTERVAL_MS) return;
    state.lastSaveAttempt = now;
    state.mutex.runExclusive(() => this.#store.withLock(() => this.retryNow())).catch((error: unknown) => {
      this.#logger.warn(`GHL tokens for "${this.#key}" still cannot be saved to the token store: ${describeError(error)}`);
    });
  }

  /** Saves the tokens kept in memory, if any. Call with the locks held. */
  async retryNow(): Promise<void> {
    const unsaved = this.#state.unsaved;
    if (!unsaved) return;
    try {
      await this.#store.set(unsaved);
      this.#state.unsaved = undefined;
      this.#logger.info(`GHL tokens for "${this.#key}" kept in memory were saved to the token store`);
    } catch (error) {
      this.#logger.warn(`GHL tokens for "${this.#key}" still cannot be saved to the token store: ${describeError(error)}`);
    }
  }

  /**
   * Notes in the store that GHL rejected this set's refresh token, so other processes stop sending
   * it. Best effort: this process remembers it anyway.
   */
  async markRejected(stored: TokenSet): Promise<void> {
    const marked = { ...stored, refreshTokenRejectedAt: this.#now() };
    try {
      await this.#store.set(marked);
      this.#state.cache = marked;
    } catch (error) {
      this.#logger.warn(`Could not note the rejected refresh token for "${this.#key}" in the token store: ${describeError(error)}`);
    }
  }
}
