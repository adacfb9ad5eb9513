import { describe, expect, expectTypeOf, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import type { CallOptions } from '../../src/http/transport.js';
import { createResources, type Resources } from '../../src/resources/index.js';
import { APIResource } from '../../src/resources/resource.js';
import { testRequester } from '../helpers/requester.js';

/** `true` when `F`'s last parameter is an optional `CallOptions`, else why not. */
type CallOptionsLast<F> = F extends (...args: infer A) => unknown
  ? Required<A> extends [...infer Init, infer Last]
    ? [Last] extends [CallOptions]
      ? Init extends A
        ? true
        : 'its CallOptions parameter is not optional'
      : 'its last parameter is not CallOptions'
    : 'it takes no parameters'
  : never;

/** Every public method (of every resource and sub-resource) whose last parameter is not `call?: CallOptions`. */
type MissingCallOptions<T, Path extends string> = {
  [K in keyof T & string]: T[K] extends (...args: never[]) => unknown
    ? CallOptionsLast<T[K]> extends true
      ? never
      : `${Path}.${K}: ${CallOptionsLast<T[K]> & string}`
    : T[K] extends object
      ? MissingCallOptions<T[K], `${Path}.${K}`>
      : never;
}[keyof T & string];

describe('the resource barrel', () => {
  it('every resource method, sub-resources included, takes { signal, timeoutMs } as its optional last argument', () => {
    expectTypeOf<MissingCallOptions<Resources, 'ghl'>>().toEqualTypeOf<never>();
    // The check itself catches a method without it.
    expectTypeOf<MissingCallOptions<{ a: { get(id: string): void } }, 'ghl'>>().toEqualTypeOf<'ghl.a.get: its last parameter is not CallOptions'>();
  });

  it('gives every client the resources, each holding the requester it was given', () => {
    const requester = testRequester({ locationId: 'loc-7' });
    const resources = createResources(requester);
    for (const resource of Object.values(resources)) if (resource instanceof APIResource) expect((resource as unknown as { requester: unknown }).requester).toBe(requester);
    const ghl = new GHLClient({ locationId: 'loc-7', env: {}, tokenStore: { get: async () => null, set: async () => undefined } });
    expect(Object.keys(resources).every((name) => name in ghl)).toBe(true);
  });
});
