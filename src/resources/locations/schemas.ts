import * as z from 'zod/mini';

/*
 * Input schemas of spec/apps/locations.json's custom fields, custom values and tags. Strict, as
 * every input: GHL answers 422 to unknown fields (docs/ghl-api.md §3.2).
 */

const name = z.string().check(z.trim(), z.minLength(1));
const model = z.enum(['contact', 'opportunity']);
const count = z.number().check(z.int(), z.minimum(0));

export const listCustomFieldsSchema = z.strictObject({ model: z.optional(z.enum(['contact', 'opportunity', 'all'])) });

const customFieldFields = {
  placeholder: z.optional(z.string()),
  acceptedFormat: z.optional(z.array(z.string())),
  isMultipleFile: z.optional(z.boolean()),
  maxNumberOfFiles: z.optional(count),
  textBoxListOptions: z.optional(z.array(z.strictObject({ label: z.optional(z.string()), prefillValue: z.optional(z.string()) }))),
  position: z.optional(count),
  model: z.optional(model),
};

/** CreateCustomFieldsDTO: `name` and `dataType` required. */
export const createCustomFieldSchema = z.strictObject({ name, dataType: name, ...customFieldFields });
/** UpdateCustomFieldsDTO: `name` required, no `dataType`. */
export const updateCustomFieldSchema = z.strictObject({ name, ...customFieldFields });

/** customValuesDTO, on create and on update: both required. */
export const customValueSchema = z.strictObject({ name, value: z.string() });

/** tagBody. */
export const tagSchema = z.strictObject({ name });

// Responses: an id is what the SDK needs; every other field passes through.
const withId = z.looseObject({ id: z.string() });
export const locationEnvelopeSchema = z.looseObject({ location: withId });
export const customFieldsResponseSchema = z.looseObject({ customFields: z.array(withId) });
export const customFieldEnvelopeSchema = z.looseObject({ customField: withId });
export const customValuesResponseSchema = z.looseObject({ customValues: z.array(withId) });
export const customValueEnvelopeSchema = z.looseObject({ customValue: withId });
export const tagsResponseSchema = z.looseObject({ tags: z.array(withId) });
export const tagEnvelopeSchema = z.looseObject({ tag: withId });
