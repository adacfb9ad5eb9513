// What follows once GHL rejected a key's refresh token: remembering it, one log line, the re-auth error.
import { GHLReauthRequiredError, type GHLError } from '../errors.js';
import { describeError } from '../logger.js';
import { iso } from './iso-time.js';
import type { KeyState } from './key-state.js';
import type { RefreshDecision, RefreshReason } from './refresh-decision.js';
import type { TokenManagerConfig } from './token-manager-config.js';
import type { TokenSet } from './token-set.js';

export class RefreshRejection {
  readonly #config: TokenManagerConfig;
  readonly #state: KeyState;
  readonly #decision: RefreshDecision;

  constructor(config: TokenManagerConfig, state: KeyState, decision: RefreshDecision) {
    this.#config = config;
    this.#state = state;
    this.#decision = decision;
  }

  /** Tokens whose refresh token GHL rejected: served while the access token lasts, else the reason to re-authenticate. */
  afterRejection(tokens: TokenSet, reason: RefreshReason, failedToken: string | undefined, cause: GHLReauthRequiredError | undefined): TokenSet {
    if (this.#decision.mayFallBack(tokens, reason, failedToken)) return tokens;
    throw cause ?? this.reauthError(tokens, reason);
  }

  reauthError(tokens: TokenSet, reason: RefreshReason): GHLReauthRequiredError {
    const why = !this.#decision.accessValid(tokens)
      ? `the access token expired${tokens.expiresAt === undefined ? '' : ` at ${iso(tokens.expiresAt)}`}`
      : reason === 'forced'
        ? `it cannot be refreshed (calls go on with the current access token until ${iso(tokens.expiresAt)})`
        : 'GHL no longer accepts the access token either';
    return new GHLReauthRequiredError(
      `GHL rejected the refresh token for "${this.#config.key}" earlier and ${why}: re-run the OAuth flow (reinstall or reconnect the app, or \`ghl auth\`) to get new tokens. The token endpoint is not called again until the token store holds new tokens.`,
    );
  }

  /** Remembers the dead refresh token, and logs the deadline to re-authenticate once per token. */
  report(tokens: TokenSet, cause: GHLError | undefined): void {
    if (tokens.refreshToken === undefined || tokens.refreshToken === this.#state.rejectedRefreshToken) return;
    this.#state.rejectedRefreshToken = tokens.refreshToken;
    const what = cause ? describeError(cause) : `GHL rejected the refresh token for "${this.#config.key}" at ${iso(tokens.refreshTokenRejectedAt)} (noted in the token store)`;
    const deadline = this.#decision.accessValid(tokens)
      ? `Calls go on with the current access token until ${iso(tokens.expiresAt)}; re-run the OAuth flow before then.`
      : 'The access token has expired too: re-run the OAuth flow now.';
    this.#config.logger.error(`GHL authentication failed - may need to re-authenticate: ${what} ${deadline}`);
  }
}
