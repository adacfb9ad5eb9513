import * as z from 'zod/mini';

/*
 * `GET /users/search` query (spec/apps/users.json). The spec types `skip` and `limit` as strings
 * (they are query values); the SDK takes numbers and checks them. Strict: an unknown parameter is a
 * typo the caller should hear about, not a filter GHL silently ignores.
 */

const id = z.string().check(z.trim(), z.minLength(1));

const listFields = {
  query: z.optional(z.string()),
  companyId: z.optional(id),
  locationId: z.optional(id),
  type: z.optional(z.string()),
  role: z.optional(z.string()),
  ids: z.optional(z.array(id).check(z.minLength(1))),
  sort: z.optional(z.string()),
  sortDirection: z.optional(z.enum(['asc', 'desc'])),
  // The spec states no maximum page size.
  limit: z.optional(z.number().check(z.int(), z.minimum(1))),
};

export const listUsersSchema = z.strictObject(listFields);
export const searchUsersSchema = z.strictObject({ ...listFields, skip: z.optional(z.number().check(z.int(), z.minimum(0))) });

// Responses: an id is what the SDK needs; every other field passes through.
export const userSchema = z.looseObject({ id: z.string() });
export const searchUsersResponseSchema = z.looseObject({ users: z.array(userSchema), count: z.optional(z.number()) });
export const locationCompanySchema = z.looseObject({ location: z.looseObject({ companyId: z.string().check(z.minLength(1)) }) });
