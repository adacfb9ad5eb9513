import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { ApiQuery } from '../../../src/api/types.js';
import type { searchUsersSchema } from '../../../src/resources/users/schemas.js';
import type { OnTheWire, UndeclaredFields } from '../../spec-types.js';

// Compile-time: `users.search` sends no query parameter spec/apps/users.json lacks. The types differ
// on purpose: the spec types `skip`, `limit` and `ids` as strings (query text); the SDK takes numbers
// and an id array and writes them as the spec's strings (`ids` comma-separated).

type Search = z.output<typeof searchUsersSchema>;
type SpecSearch = ApiQuery<'get', '/users/search'>;

describe('users search parameters vs the spec', () => {
  it('declare no parameter the spec lacks', () => {
    expectTypeOf<UndeclaredFields<Search, SpecSearch>>().toBeNever();
  });

  it('differ from the spec only in how skip, limit and ids are written', () => {
    expectTypeOf<SpecSearch['skip']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Search['skip']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SpecSearch['ids']>().toEqualTypeOf<string | undefined>();
    // `companyId` is optional for the caller: the resource fills it in from the location.
    expectTypeOf<OnTheWire<Omit<Search, 'skip' | 'limit' | 'ids'> & { companyId: string }>>().toExtend<Omit<SpecSearch, 'skip' | 'limit' | 'ids'>>();
  });
});
