import type * as z from 'zod/mini';
import type { Requester } from '../http/requester.js';
import type { CallOptions, HttpMethod, QueryValue } from '../http/transport.js';
import { GHLScopeError } from '../errors.js';
import { parseInput, parseResponse } from '../validation.js';

/**
 * One request a resource method makes, after its input is validated.
 * @internal zod-typed, so kept out of the published types (tsup.config.ts `stripInternal`).
 */
export interface ResourceRequest<Output> {
  method: HttpMethod;
  /** Built with the `path` tag (src/http/path.ts), never by string concatenation: ids cannot leave their segment. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** The validated JSON body. */
  body?: unknown;
  /** Whether a replay after a possible delivery is safe. Default: the transport's (GET, PUT, DELETE). */
  idempotent?: boolean | undefined;
  /** Not idempotent: the safe next step a "not replayed" error names (`RequestSpec.nextStep`). */
  nextStep?: string | undefined;
  /** Overrides the resource's `version` for this one operation. */
  version?: string | undefined;
  /** The documented 2xx body; a mismatch is a `GHLResponseError`. Omit for an answer nobody reads. */
  response?: z.ZodMiniType<Output> | undefined;
  /** Names the operation in a `GHLResponseError`, e.g. `'contact create'`. */
  what: string;
  /** The OAuth scope spec/ declares for the operation: a 401 scope denial names it (`GHLScopeError.scope`). */
  scope?: string | undefined;
}

/**
 * The base of every resource (openai-node's `APIResource`, stripe's `StripeResource`): it holds the
 * client's requester and runs validate-input → send → parse-output. A sub-resource (`ghl.contacts.notes`)
 * is another small subclass, built with the same requester and set as a field of its parent.
 * docs/architecture.md "Adding a resource" is the checklist.
 */
export abstract class APIResource {
  /** The `Version` header of this API area's operations (docs/ghl-api.md lists them per spec file). */
  protected abstract readonly version: string;
  protected readonly requester: Requester;

  constructor(requester: Requester) {
    this.requester = requester;
  }

  /** The client's location: the default `locationId` of every write and search. */
  protected get locationId(): string {
    return this.requester.locationId;
  }

  /**
   * Validates caller input; a `GHLValidationError` names each offending field and nothing is sent.
   * @internal
   */
  protected validate<T>(schema: z.ZodMiniType<T>, input: unknown, what: string, root?: string): T {
    return parseInput(schema, input, what, root);
  }

  /**
   * Sends one request with this resource's `Version` and parses the answer.
   * @internal
   */
  protected async request<Output = undefined>(request: ResourceRequest<Output>, call?: CallOptions): Promise<Output> {
    const { response, what, version, scope, ...spec } = request;
    let body: unknown;
    try {
      body = await this.requester.send({ ...spec, version: version ?? this.version }, call);
    } catch (error) {
      throw scope !== undefined && error instanceof GHLScopeError ? error.withScope(scope) : error;
    }
    return (response ? parseResponse(response, body, what) : undefined) as Output;
  }
}
