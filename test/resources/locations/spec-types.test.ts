import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod/mini';
import type { ApiBody, ApiQuery } from '../../../src/api/types.js';
import type { createCustomFieldSchema, customValueSchema, listCustomFieldsSchema, tagSchema, updateCustomFieldSchema } from '../../../src/resources/locations/schemas.js';
import type { OnTheWire, UndeclaredFields } from '../../spec-types.js';

// Compile-time: the locations schemas against spec/apps/locations.json.

type CreateField = z.output<typeof createCustomFieldSchema>;
type UpdateField = z.output<typeof updateCustomFieldSchema>;
type CustomValue = z.output<typeof customValueSchema>;
type Tag = z.output<typeof tagSchema>;

describe('locations schemas vs the types generated from the spec', () => {
  it('send no field the spec does not declare', () => {
    expectTypeOf<UndeclaredFields<CreateField, ApiBody<'post', '/locations/{locationId}/customFields'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<UpdateField, ApiBody<'put', '/locations/{locationId}/customFields/{id}'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<CustomValue, ApiBody<'post', '/locations/{locationId}/customValues'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<CustomValue, ApiBody<'put', '/locations/{locationId}/customValues/{id}'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<Tag, ApiBody<'post', '/locations/{locationId}/tags'>>>().toBeNever();
    expectTypeOf<UndeclaredFields<Tag, ApiBody<'put', '/locations/{locationId}/tags/{tagId}'>>>().toBeNever();
  });

  it("send every field in the spec's type (the model enums included)", () => {
    expectTypeOf<OnTheWire<CreateField>>().toExtend<ApiBody<'post', '/locations/{locationId}/customFields'>>();
    expectTypeOf<OnTheWire<UpdateField>>().toExtend<ApiBody<'put', '/locations/{locationId}/customFields/{id}'>>();
    expectTypeOf<OnTheWire<CustomValue>>().toExtend<ApiBody<'put', '/locations/{locationId}/customValues/{id}'>>();
    expectTypeOf<OnTheWire<Tag>>().toExtend<ApiBody<'put', '/locations/{locationId}/tags/{tagId}'>>();
    expectTypeOf<OnTheWire<z.output<typeof listCustomFieldsSchema>>>().toExtend<ApiQuery<'get', '/locations/{locationId}/customFields'>>();
  });
});
