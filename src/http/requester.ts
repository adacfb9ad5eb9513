import type { RateLimitSnapshot } from './rate-limit.js';
import type { AttemptGate, AuthProvider, CallOptions, RequestSpec, Transport } from './transport.js';

/** The kind of token a client holds: a sub-account (Location) token or an agency (Company) token. */
export type TokenAudience = 'location' | 'agency';

/**
 * What every resource holds: one location's authenticated, retried request, and the last rate-limit
 * snapshot it saw. The client builds one and hands it to each resource, so a resource never reaches
 * back into the client. Its parts are `#private`: printing or spreading a resource shows no token
 * manager or transport (see src/inspect.ts for the client's own guard).
 */
export class Requester {
  /** The location (sub-account) whose tokens sign every request; resources default `locationId` to it. */
  readonly locationId: string;
  /**
   * Whose token signs the requests: a sub-account's (`'location'`) or an agency's (`'agency'`, a
   * company client). `ghl.api` refuses an operation whose spec security wants the other kind.
   */
  readonly audience: TokenAudience;
  readonly #transport: Transport;
  readonly #auth: AuthProvider;
  readonly #limiter: (AttemptGate & { readonly stats: { rateLimited: number } }) | undefined;
  #rateLimit: RateLimitSnapshot | undefined;

  /** `limiter`: paces every attempt to the location's rate-limit window (none: no pacing). */
  constructor(
    locationId: string,
    transport: Transport,
    auth: AuthProvider,
    limiter?: AttemptGate & { readonly stats: { rateLimited: number } },
    audience: TokenAudience = 'location',
  ) {
    this.locationId = locationId;
    this.audience = audience;
    this.#transport = transport;
    this.#auth = auth;
    this.#limiter = limiter;
  }

  /** 429 answers GHL sent for this location so far (to this client and its `location()` clients). */
  get rateLimited(): number {
    return this.#limiter?.stats.rateLimited ?? 0;
  }

  /** The last X-RateLimit-* snapshot GHL sent; undefined before the first response. */
  get rateLimit(): RateLimitSnapshot | undefined {
    return this.#rateLimit;
  }

  /** A full call (token per attempt, 401 replay, retries, typed errors); resolves to the parsed JSON body. */
  async send(spec: RequestSpec, call?: CallOptions): Promise<unknown> {
    const response = await this.#transport.request(spec, call, {
      auth: this.#auth,
      limiter: this.#limiter,
      onRateLimit: (snapshot) => {
        this.#rateLimit = snapshot;
      },
    });
    return response.body;
  }
}
