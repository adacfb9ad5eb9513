import type { AuthorizationUrl, AuthorizationUrlParams, OAuthClient } from '../auth/oauth.js';
import type { InstallDetails } from '../auth/install-details.js';
import type { TokenSet } from '../auth/token-set.js';
import type { CallOptions } from '../http/transport.js';

export interface ExchangeCodeOptions extends CallOptions {
  /** Must match the `redirect_uri` of the authorization URL when one was sent. Default: the client's. */
  redirectUri?: string | undefined;
}

/** What `exchangeCode` returns: the saved tokens, the store key they were saved under, and the install's details. */
export type ExchangedCode = TokenSet & InstallDetails & { key: string };

/** Saves tokens under a store key (the client wires this to the right TokenManager). */
export type SaveTokens = (tokens: TokenSet) => Promise<string>;

/** `ghl.oauth`: the install flow. */
export class OAuth {
  // ES private fields: `{ ...ghl.oauth }` or a walk of its properties must not reach the OAuth
  // client and its secret.
  readonly #client: OAuthClient;
  readonly #saveTokens: SaveTokens;

  constructor(client: OAuthClient, saveTokens: SaveTokens) {
    this.#client = client;
    this.#saveTokens = saveTokens;
  }

  /** The consent-page URL (`/v2/oauth/chooselocation`) and the `state` to check on the callback. */
  authorizationUrl(params: AuthorizationUrlParams): AuthorizationUrl {
    return this.#client.authorizationUrl(params);
  }

  /**
   * Exchanges the callback's `code` for tokens AND saves them in the token store (under the
   * location GHL installed to, or `company:<companyId>` for an agency install) before returning —
   * await it before answering the callback, or a crash loses the only copy (the official example's
   * bug, docs/architecture.md "Known traps"). An agency install also reports `approvedLocations`,
   * `isBulkInstallation` and friends (docs/ghl-api.md §1.2).
   */
  async exchangeCode(code: string, options: ExchangeCodeOptions = {}): Promise<ExchangedCode> {
    const { tokens, install } = await this.#client.exchangeCodeForInstall(code, options);
    const key = await this.#saveTokens(tokens);
    return { ...install, ...tokens, key };
  }
}
