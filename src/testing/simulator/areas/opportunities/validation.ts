/**
 * Body and query validation for the opportunity endpoints, mimicking GHL's NestJS ValidationPipe with
 * `forbidNonWhitelisted`: every unknown property is a 422 "property X should not exist", and every
 * failed constraint adds one message to the 422 array (docs/ghl-api.md §3.2). Field lists are the
 * DTOs of spec/apps/opportunities.json.
 */

import { checkDto, isRecord, requiring, type Dto, type FieldRule } from '../../dto.js';

/** The spec's status enum on every write DTO (it includes `all`, the search filter). */
const STATUSES = ['open', 'won', 'lost', 'abandoned', 'all'];
const STATUS: FieldRule = { kind: 'enum', values: STATUSES };

/** Input custom fields: the array and each item's shape are checked by `checkCustomFields`. */
const CUSTOM_FIELDS: FieldRule = { kind: 'any', check: checkCustomFields };

/** `CreateDto`. */
const CREATE_FIELDS: Dto = {
  pipelineId: { kind: 'string' },
  locationId: { kind: 'string' },
  name: { kind: 'string' },
  pipelineStageId: { kind: 'string' },
  status: STATUS,
  contactId: { kind: 'string' },
  monetaryValue: { kind: 'number' },
  assignedTo: { kind: 'string' },
  customFields: CUSTOM_FIELDS,
};

/** `UpdateOpportunityDto`: no `locationId` or `contactId`. */
const UPDATE_FIELDS: Dto = {
  pipelineId: { kind: 'string' },
  name: { kind: 'string' },
  pipelineStageId: { kind: 'string' },
  status: STATUS,
  monetaryValue: { kind: 'number' },
  assignedTo: { kind: 'string' },
  customFields: CUSTOM_FIELDS,
};

/**
 * `UpsertOpportunityDto`. Its `monetaryValue` is typed `object` with the example 220; a number is
 * what every other DTO and response uses, so a number is checked.
 */
const UPSERT_FIELDS: Dto = {
  id: { kind: 'string' },
  pipelineId: { kind: 'string' },
  locationId: { kind: 'string' },
  followers: { kind: 'stringArray' },
  isRemoveAllFollowers: { kind: 'boolean' },
  followersActionType: { kind: 'enum', values: ['add', 'remove'] },
  name: { kind: 'string' },
  status: STATUS,
  pipelineStageId: { kind: 'string' },
  monetaryValue: { kind: 'number' },
  assignedTo: { kind: 'string' },
  lostReasonId: { kind: 'string' },
};

/** `UpdateStatusDto`. */
const STATUS_FIELDS: Dto = { status: STATUS, lostReasonId: { kind: 'string' } };

const DTOS = { create: CREATE_FIELDS, update: UPDATE_FIELDS, upsert: UPSERT_FIELDS, status: STATUS_FIELDS } as const;
export type OpportunityDto = keyof typeof DTOS;

/**
 * Required fields. The spec also requires `followers`, `isRemoveAllFollowers` and
 * `followersActionType` on an upsert; those only say what to do with followers, and an upsert that
 * changes none cannot name an action, so the simulator asks only for what locates the opportunity.
 */
const REQUIRED: Readonly<Record<OpportunityDto, readonly string[]>> = {
  create: ['pipelineId', 'locationId', 'name', 'status', 'contactId'],
  update: [],
  upsert: ['pipelineId', 'locationId'],
  status: ['status'],
};

/** The 422 messages for `body` against `dto`; empty when it is valid. */
export function validateOpportunityBody(body: Record<string, unknown>, dto: OpportunityDto): string[] {
  return checkDto(body, requiring(DTOS[dto], REQUIRED[dto]));
}

/** Input custom fields are `{ id | key, field_value }` (the spec's three `customFieldsInput…Schema`s). */
function checkCustomFields(key: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [`${key} must be an array`];
  return value.flatMap((item: unknown, i) => {
    if (!isRecord(item)) return [`customFields.${i} must be an object`];
    const unknown = Object.keys(item).filter((key) => !['id', 'key', 'field_value'].includes(key)).map((key) => `property customFields.${i}.${key} should not exist`);
    const hasId = typeof item['id'] === 'string' && item['id'] !== '';
    const hasKey = typeof item['key'] === 'string' && item['key'] !== '';
    return [...unknown, ...(hasId || hasKey ? [] : [`customFields.${i} must have an id or a key`])];
  });
}
