import { Mutex } from './mutex.js';
import type { TokenSet } from './token-set.js';
import type { TokenStore } from '../stores/token-store.js';

export interface RefreshOutcome {
  tokens: TokenSet;
  /** True when this refresh rotated the tokens (and saved them); false when they were kept as they were. */
  rotated: boolean;
}

/**
 * Per store object and key, shared by every client in this process (so `ghl.location(id)` clients
 * and two `GHLClient`s over one store still refresh once): the mutex, the refresh in flight, the
 * last known tokens, tokens that were refreshed but could not be saved, and what this process
 * learned from failed refreshes.
 */
export interface KeyState {
  mutex: Mutex;
  inflight: Promise<RefreshOutcome> | undefined;
  /** Whether the refresh in flight rotates whatever happens (`tokens.refresh()`), so a forced refresh may join it. */
  inflightAlwaysRotates: boolean;
  /** When saving `unsaved` was last tried (epoch ms), to retry it without hammering a broken store. */
  lastSaveAttempt: number;
  loading: Promise<TokenSet | null> | undefined;
  cache: TokenSet | undefined;
  unsaved: TokenSet | undefined;
  /** The refresh token GHL last rejected here: never sent again; the store is re-read instead. */
  rejectedRefreshToken: string | undefined;
  /** After a transient refresh failure with a still-valid access token: no new attempt before this (epoch ms). */
  refreshRetryAt: number;
}

const keyStates = new WeakMap<TokenStore, Map<string, KeyState>>();

export function stateFor(store: TokenStore, key: string): KeyState {
  let byKey = keyStates.get(store);
  if (!byKey) {
    byKey = new Map();
    keyStates.set(store, byKey);
  }
  let state = byKey.get(key);
  if (!state) {
    state = {
      mutex: new Mutex(),
      inflight: undefined,
      inflightAlwaysRotates: false,
      lastSaveAttempt: 0,
      loading: undefined,
      cache: undefined,
      unsaved: undefined,
      rejectedRefreshToken: undefined,
      refreshRetryAt: 0,
    };
    byKey.set(key, state);
  }
  return state;
}
