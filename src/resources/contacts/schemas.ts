import * as z from 'zod/mini';

/*
 * Input schemas follow GHL's contacts spec (CreateContactDto, UpsertContactDto, UpdateContactDto in
 * https://github.com/GoHighLevel/highlevel-api-docs, apps/contacts.json). They are strict: GHL answers
 * 422 "property X should not exist" to unknown fields (docs/ghl-api.md §3.2,
 * https://github.com/GoHighLevel/highlevel-api-docs/issues/262), so we refuse them before sending.
 * Public types live in types.ts; these schemas stay internal.
 */

const nullableString = z.optional(z.nullable(z.string()));
const optionalString = z.optional(z.string());

const dndChannel = z.strictObject({
  status: z.enum(['active', 'inactive', 'permanent']),
  message: optionalString,
  code: optionalString,
});

const dndSettings = z.strictObject({
  Call: z.optional(dndChannel),
  Email: z.optional(dndChannel),
  SMS: z.optional(dndChannel),
  WhatsApp: z.optional(dndChannel),
  GMB: z.optional(dndChannel),
  FB: z.optional(dndChannel),
});

const inboundDndSettings = z.strictObject({
  all: z.optional(z.strictObject({ status: z.enum(['active', 'inactive']), message: optionalString })),
});

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.record(z.string(), z.unknown())]);

// The spec marks `id` required on every variant, yet says "pass either id or key": accept either.
const customFieldInput = z
  .strictObject({ id: optionalString, key: optionalString, field_value: fieldValue })
  .check(
    z.refine((field) => Boolean(field.id || field.key), { message: 'needs an id or a key', path: ['id'] }),
  );

// GHL documents the email as a plain string; we still catch the obvious typo before a round trip.
const email = z.optional(z.nullable(z.email()));
const tags = z.optional(z.array(z.string().check(z.minLength(1))));

const sharedFields = {
  firstName: nullableString,
  lastName: nullableString,
  name: nullableString,
  email,
  phone: nullableString,
  address1: nullableString,
  city: nullableString,
  state: nullableString,
  postalCode: optionalString,
  website: nullableString,
  timezone: nullableString,
  dnd: z.optional(z.boolean()),
  dndSettings: z.optional(dndSettings),
  inboundDndSettings: z.optional(inboundDndSettings),
  tags,
  customFields: z.optional(z.array(customFieldInput)),
  dateOfBirth: nullableString,
  country: optionalString,
};

const locationId = z.string().check(z.minLength(1));

const createFields = {
  ...sharedFields,
  locationId,
  gender: optionalString,
  source: optionalString,
  companyName: nullableString,
  assignedTo: optionalString,
};

const present = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** Fields that make a contact someone: without one of them GHL stores a blank contact. */
const IDENTIFYING_FIELDS = ['email', 'phone', 'firstName', 'lastName', 'name', 'companyName'] as const;

export const createContactSchema = z.strictObject(createFields).check(
  z.refine((contact) => IDENTIFYING_FIELDS.some((field) => present(contact[field])), {
    message: `a contact needs at least one of ${IDENTIFYING_FIELDS.join(', ')} (GHL would store a blank contact)`,
    path: ['email'],
  }),
);

// GHL matches an upsert by email, then phone (docs/ghl-api.md §3.2). Without either nothing can
// match, so every attempt creates a contact, and a retried one creates a duplicate.
export const upsertContactSchema = z.strictObject({ ...createFields, createNewIfDuplicateAllowed: z.optional(z.boolean()) }).check(
  z.refine((contact) => present(contact.email) || present(contact.phone), {
    message: 'an upsert needs an email or a phone: GHL matches the contact by them',
    path: ['email'],
  }),
);

/** UpdateContactDto: no locationId, gender or companyName (PUT answers 422 for them). */
export const updateContactSchema = z.strictObject({
  ...sharedFields,
  source: nullableString,
  assignedTo: nullableString,
});

export const tagListSchema = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

const filterSchema: z.ZodMiniType<unknown> = z.union([
  z.strictObject({ field: z.string(), operator: z.string(), value: z.optional(z.unknown()) }),
  z.strictObject({ group: z.enum(['AND', 'OR']), filters: z.array(z.lazy(() => filterSchema)) }),
]);

const listFields = {
  query: z.optional(z.string().check(z.maxLength(75))),
  pageLimit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
  filters: z.optional(z.array(filterSchema)),
  sort: z.optional(z.array(z.strictObject({ field: z.string(), direction: z.enum(['asc', 'desc']) }))),
};

/** `list` pages by itself, so it takes no `page` or `searchAfter`. */
export const listParamsSchema = z.strictObject(listFields);

export const searchParamsSchema = z
  .strictObject({
    ...listFields,
    page: z.optional(z.number().check(z.int(), z.minimum(1))),
    searchAfter: z.optional(z.array(z.union([z.string(), z.number()]))),
  })
  .check(
    z.refine((params) => !(params.page !== undefined && params.searchAfter !== undefined), {
      message: 'send either page or searchAfter, not both',
      path: ['searchAfter'],
    }),
  );

// Responses: every contact field is optional in the spec (docs/ghl-api.md §3.8) but an id is what makes
// a contact; unknown fields pass through untouched.
const contact = z.looseObject({ id: z.string() });

export const contactEnvelopeSchema = z.looseObject({ contact });
export const upsertResponseSchema = z.looseObject({ new: z.optional(z.boolean()), contact });
export const searchResponseSchema = z.looseObject({ contacts: z.array(contact), total: z.optional(z.number()) });
export const tagsResponseSchema = z.looseObject({ tags: z.array(z.string()) });

/** `GET /contacts/search/duplicate` looks a contact up by email or phone: one of them is needed. */
export const duplicateParamsSchema = z
  .strictObject({ email: z.optional(z.email()), phone: z.optional(z.string().check(z.trim(), z.minLength(1))) })
  .check(z.refine((params) => params.email !== undefined || params.phone !== undefined, { message: 'needs an email or a phone', path: ['email'] }));

// The spec declares no body for this 200; GHL answers `{ contact }`, with no contact (or null) when
// nothing matches (docs/ghl-api.md §3.7).
export const duplicateResponseSchema = z.looseObject({ contact: z.optional(z.nullable(contact)) });
