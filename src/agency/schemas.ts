import * as z from 'zod/mini';

/*
 * From spec/apps/oauth.json (`GET /oauth/installedLocations`, `POST /oauth/locationToken`) and
 * spec/apps/locations.json (`GET /locations/search`). Inputs strict, answers loose.
 */

export const installedLocationsParamsSchema = z.strictObject({
  appId: z.optional(z.string().check(z.minLength(1))),
  isInstalled: z.optional(z.boolean()),
  query: z.optional(z.string()),
  pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
});

export const installedLocationsPageSchema = z.looseObject({
  locations: z.array(z.looseObject({ _id: z.string(), name: z.optional(z.nullable(z.string())) })),
  count: z.optional(z.number()),
});

export const searchLocationsParamsSchema = z.strictObject({
  email: z.optional(z.string()),
  order: z.optional(z.enum(['asc', 'desc'])),
  skip: z.optional(z.number().check(z.int(), z.minimum(0))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
});

export const searchLocationsResponseSchema = z.looseObject({
  locations: z.array(z.looseObject({ id: z.string() })),
});

export const provisionOptionsSchema = z.looseObject({
  concurrency: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  appId: z.optional(z.string().check(z.minLength(1))),
});
