import * as z from 'zod/mini';

/*
 * Input schemas follow GHL's opportunities spec (CreateDto, UpdateOpportunityDto, UpsertOpportunityDto,
 * UpdateStatusDto and the `GET /opportunities/search` query in spec/apps/opportunities.json). They are
 * strict: GHL answers 422 "property X should not exist" to unknown fields (docs/ghl-api.md §3.2). Where
 * the spec is wrong the comment says so; docs/ghl-api.md "Opportunities and pipelines" has the list.
 * Public types live in types.ts; these schemas stay internal.
 */

const id = z.string().check(z.minLength(1));
const optionalId = z.optional(id);

/**
 * The spec's write enums list `'all'` too (CreateDto, UpdateOpportunityDto, UpsertOpportunityDto,
 * UpdateStatusDto), copied from the search filter: an opportunity is open, won, lost or abandoned
 * (the `OpportunityStatusUpdate` webhook and GHL's UI know no other), so `'all'` is refused here.
 */
export const statusSchema = z.enum(['open', 'won', 'lost', 'abandoned']);
const statusFilter = z.enum(['open', 'won', 'lost', 'abandoned', 'all']);

/**
 * A finite amount, at least 0. UpsertOpportunityDto types `monetaryValue` as `object` (with the
 * example `220`); CreateDto, UpdateOpportunityDto and every response say `number`, so number it is.
 */
const monetaryValue = z.optional(z.number().check(z.minimum(0)));

// The spec's three variants: a string, a string array or an object value. The string variant says
// "pass either `id` or `key`" while the other two require `id`: either is accepted, one is needed.
const customFieldInput = z
  .strictObject({ id: optionalId, key: optionalId, field_value: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]) })
  .check(z.refine((field) => Boolean(field.id || field.key), { message: 'needs an id or a key', path: ['id'] }));
const customFields = z.optional(z.array(customFieldInput));

export const createOpportunitySchema = z.strictObject({
  pipelineId: id,
  locationId: id,
  name: z.string().check(z.minLength(1)),
  pipelineStageId: optionalId,
  status: statusSchema,
  contactId: id,
  monetaryValue,
  assignedTo: optionalId,
  customFields,
});

export const updateOpportunitySchema = z.strictObject({
  pipelineId: optionalId,
  name: z.optional(z.string().check(z.minLength(1))),
  pipelineStageId: optionalId,
  status: z.optional(statusSchema),
  monetaryValue,
  assignedTo: optionalId,
  customFields,
});

/**
 * The spec marks `followers`, `isRemoveAllFollowers` and `followersActionType` required on an upsert;
 * they only say what to do with followers, and an upsert that touches none must not invent an action,
 * so they are optional here (`followersActionType` is needed once `followers` is sent).
 */
export const upsertOpportunitySchema = z
  .strictObject({
    id: optionalId,
    pipelineId: id,
    locationId: id,
    name: z.optional(z.string().check(z.minLength(1))),
    status: z.optional(statusSchema),
    pipelineStageId: optionalId,
    monetaryValue,
    assignedTo: optionalId,
    lostReasonId: optionalId,
    followers: z.optional(z.array(id)),
    isRemoveAllFollowers: z.optional(z.boolean()),
    followersActionType: z.optional(z.enum(['add', 'remove'])),
  })
  .check(
    z.refine((input) => input.followers === undefined || input.followersActionType !== undefined, {
      message: "needed with followers: 'add' or 'remove'",
      path: ['followersActionType'],
    }),
  );

export const updateStatusSchema = z.strictObject({ status: statusSchema });

/** The spec's example and GHL's docs for `date`/`endDate`: `mm-dd-yyyy`. */
const searchDate = z.optional(z.string().check(z.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])-\d{4}$/, 'must be a date as mm-dd-yyyy')));

const listFields = {
  query: z.optional(z.string()),
  pipelineId: optionalId,
  pipelineStageId: optionalId,
  contactId: optionalId,
  status: z.optional(statusFilter),
  assignedTo: optionalId,
  campaignId: optionalId,
  id: optionalId,
  order: z.optional(z.string()),
  date: searchDate,
  endDate: searchDate,
  country: z.optional(z.string()),
  // "will allow maximum up to 100 and default will be 20" (the spec's `limit` description).
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  getTasks: z.optional(z.boolean()),
  getNotes: z.optional(z.boolean()),
  getCalendarEvents: z.optional(z.boolean()),
};

/** `list` pages by itself, so it takes no cursor or page. */
export const listParamsSchema = z.strictObject(listFields);

export const searchParamsSchema = z
  .strictObject({
    ...listFields,
    startAfter: z.optional(z.string().check(z.regex(/^\d+$/, 'must be the numeric startAfter of the previous page'))),
    startAfterId: optionalId,
    page: z.optional(z.number().check(z.int(), z.minimum(1))),
  })
  .check(
    z.refine((params) => (params.startAfter === undefined) === (params.startAfterId === undefined), {
      message: 'send startAfter and startAfterId together (both come from the previous page)',
      path: ['startAfterId'],
    }),
    z.refine((params) => !(params.page !== undefined && params.startAfterId !== undefined), {
      message: 'send either page or a startAfter cursor, not both',
      path: ['page'],
    }),
  );

// Responses: the spec marks every opportunity field optional, but an id is what makes one; unknown
// fields pass through untouched.
const opportunity = z.looseObject({ id: z.string() });

export const opportunityEnvelopeSchema = z.looseObject({ opportunity });
export const upsertResponseSchema = z.looseObject({ new: z.optional(z.boolean()), opportunity });

/**
 * `meta` of `SearchSuccessfulResponseDto`. The spec does not say how the last page looks; a cursor
 * field that is null or absent is read as "no next page", like a null `nextPageUrl`.
 */
const searchMeta = z.looseObject({
  total: z.optional(z.nullable(z.number())),
  nextPageUrl: z.optional(z.nullable(z.string())),
  startAfterId: z.optional(z.nullable(z.string())),
  startAfter: z.optional(z.nullable(z.union([z.number(), z.string()]))),
});
export const searchResponseSchema = z.looseObject({ opportunities: z.array(opportunity), meta: z.optional(searchMeta) });

// Stages are read as they come: the spec's example (arrays) and GHL's answers (objects) both parse.
export const pipelinesResponseSchema = z.looseObject({ pipelines: z.array(z.looseObject({ id: z.string(), stages: z.optional(z.array(z.unknown())) })) });
