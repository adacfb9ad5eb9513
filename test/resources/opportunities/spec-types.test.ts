import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { ApiBody } from '../../../src/api/types.js';
import type { createOpportunitySchema, updateOpportunitySchema, updateStatusSchema, upsertOpportunitySchema } from '../../../src/resources/opportunities/schemas.js';
import type { OnTheWire, UndeclaredFields } from '../../spec-types.js';

// Compile-time (checked by `npm run typecheck`): what the opportunities schemas let through is what
// spec/apps/opportunities.json declares, field by field and type by type. Where the spec is wrong
// (docs/ghl-api.md "Opportunities and pipelines") the field is pinned below, so a fix on either side
// shows up here.

/** customFields: every variant but the string one requires `id`, yet the spec says "pass either `id` or `key`". */
type Disputed = 'customFields';
type Create = Omit<z.output<typeof createOpportunitySchema>, Disputed>;
type Update = Omit<z.output<typeof updateOpportunitySchema>, Disputed>;
type Status = z.output<typeof updateStatusSchema>;
/** Upsert fields where the spec is wrong: `monetaryValue` typed object; three follower fields required. */
type UpsertDisputed = 'monetaryValue' | 'followers' | 'isRemoveAllFollowers' | 'followersActionType';
type Upsert = z.output<typeof upsertOpportunitySchema>;
type SpecCreate = ApiBody<'post', '/opportunities/'>;
type SpecUpdate = ApiBody<'put', '/opportunities/{id}'>;
type SpecStatus = ApiBody<'put', '/opportunities/{id}/status'>;
type SpecUpsert = ApiBody<'post', '/opportunities/upsert'>;

describe('opportunities schemas vs the types generated from the spec', () => {
  it('send no field the spec does not declare', () => {
    expectTypeOf<UndeclaredFields<Create, SpecCreate>>().toBeNever();
    expectTypeOf<UndeclaredFields<Update, SpecUpdate>>().toBeNever();
    expectTypeOf<UndeclaredFields<Status, SpecStatus>>().toBeNever();
    expectTypeOf<UndeclaredFields<Upsert, SpecUpsert>>().toBeNever();
  });

  it("send every field in the spec's type (enums included)", () => {
    expectTypeOf<OnTheWire<Create>>().toExtend<Omit<SpecCreate, Disputed>>();
    expectTypeOf<OnTheWire<Update>>().toExtend<Omit<SpecUpdate, Disputed>>();
    expectTypeOf<OnTheWire<Status>>().toExtend<SpecStatus>();
    expectTypeOf<OnTheWire<Omit<Upsert, UpsertDisputed>>>().toExtend<Omit<SpecUpsert, UpsertDisputed>>();
  });

  it('differ from the spec only where it is wrong', () => {
    // monetaryValue: `object` on the upsert (example 220), `number` on create, update and every response.
    expectTypeOf<SpecUpsert['monetaryValue']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<SpecCreate['monetaryValue']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Upsert['monetaryValue']>().toEqualTypeOf<number | undefined>();
    // The follower fields: required by the spec on every upsert, optional here (an upsert may touch no followers).
    expectTypeOf<SpecUpsert['followers']>().toEqualTypeOf<string[]>();
    expectTypeOf<SpecUpsert['isRemoveAllFollowers']>().toEqualTypeOf<boolean>();
    expectTypeOf<Upsert['followers']>().toEqualTypeOf<string[] | undefined>();
    // status: the spec's write enum includes the search filter 'all'; ours is the four statuses.
    expectTypeOf<NonNullable<SpecCreate['status']>>().toEqualTypeOf<'open' | 'won' | 'lost' | 'abandoned' | 'all'>();
    expectTypeOf<Create['status']>().toEqualTypeOf<'open' | 'won' | 'lost' | 'abandoned'>();
    // customFields: the array and object variants require `id`; ours take an `id` or a `key`.
    type SpecCustomField = NonNullable<SpecCreate['customFields']>[number];
    expectTypeOf<Extract<SpecCustomField, { field_value?: string[] }>['id']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<z.output<typeof createOpportunitySchema>['customFields']>[number]>().toExtend<{ id?: string | undefined; key?: string | undefined }>();
  });
});
