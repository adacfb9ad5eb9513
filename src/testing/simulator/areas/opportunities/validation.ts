/**
 * Body and query validation for the opportunity endpoints, mimicking GHL's NestJS ValidationPipe with
 * `forbidNonWhitelisted`: every unknown property is a 422 "property X should not exist", and every
 * failed constraint adds one message to the 422 array (docs/ghl-api.md §3.2). Field lists are the
 * DTOs of spec/apps/opportunities.json.
 */

type FieldKind = 'string' | 'number' | 'boolean' | 'status' | 'stringArray' | 'followersAction' | 'customFields';

/** The spec's status enum on every write DTO (it includes `all`, the search filter). */
const STATUSES = ['open', 'won', 'lost', 'abandoned', 'all'];

/** `CreateDto`. */
const CREATE_FIELDS: Readonly<Record<string, FieldKind>> = {
  pipelineId: 'string',
  locationId: 'string',
  name: 'string',
  pipelineStageId: 'string',
  status: 'status',
  contactId: 'string',
  monetaryValue: 'number',
  assignedTo: 'string',
  customFields: 'customFields',
};

/** `UpdateOpportunityDto`: no `locationId` or `contactId`. */
const UPDATE_FIELDS: Readonly<Record<string, FieldKind>> = {
  pipelineId: 'string',
  name: 'string',
  pipelineStageId: 'string',
  status: 'status',
  monetaryValue: 'number',
  assignedTo: 'string',
  customFields: 'customFields',
};

/**
 * `UpsertOpportunityDto`. Its `monetaryValue` is typed `object` with the example 220; a number is
 * what every other DTO and response uses, so a number is checked.
 */
const UPSERT_FIELDS: Readonly<Record<string, FieldKind>> = {
  id: 'string',
  pipelineId: 'string',
  locationId: 'string',
  followers: 'stringArray',
  isRemoveAllFollowers: 'boolean',
  followersActionType: 'followersAction',
  name: 'string',
  status: 'status',
  pipelineStageId: 'string',
  monetaryValue: 'number',
  assignedTo: 'string',
  lostReasonId: 'string',
};

/** `UpdateStatusDto`. */
const STATUS_FIELDS: Readonly<Record<string, FieldKind>> = { status: 'status', lostReasonId: 'string' };

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
  const fields = DTOS[dto];
  const messages: string[] = [];
  for (const key of Object.keys(body)) if (!Object.hasOwn(fields, key)) messages.push(`property ${key} should not exist`);
  for (const key of REQUIRED[dto]) {
    if (body[key] === undefined || body[key] === null || body[key] === '') messages.push(`${key} should not be empty`);
  }
  for (const [key, kind] of Object.entries(fields)) {
    const value = body[key];
    if (value !== undefined) messages.push(...checkField(key, kind, value));
  }
  return messages;
}

function checkField(key: string, kind: FieldKind, value: unknown): string[] {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? [] : [`${key} must be a string`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${key} must be a number conforming to the specified constraints`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${key} must be a boolean value`];
    case 'status':
      return typeof value === 'string' && STATUSES.includes(value) ? [] : [`${key} must be one of the following values: ${STATUSES.join(', ')}`];
    case 'followersAction':
      return value === 'add' || value === 'remove' ? [] : [`${key} must be one of the following values: add, remove`];
    case 'stringArray':
      if (!Array.isArray(value)) return [`${key} must be an array`];
      return value.every((item) => typeof item === 'string') ? [] : [`each value in ${key} must be a string`];
    case 'customFields':
      return checkCustomFields(value);
  }
}

/** Input custom fields are `{ id | key, field_value }` (the spec's three `customFieldsInput…Schema`s). */
function checkCustomFields(value: unknown): string[] {
  if (!Array.isArray(value)) return ['customFields must be an array'];
  return value.flatMap((item: unknown, i) => {
    if (!isRecord(item)) return [`customFields.${i} must be an object`];
    const unknown = Object.keys(item).filter((key) => !['id', 'key', 'field_value'].includes(key)).map((key) => `property customFields.${i}.${key} should not exist`);
    const hasId = typeof item['id'] === 'string' && item['id'] !== '';
    const hasKey = typeof item['key'] === 'string' && item['key'] !== '';
    return [...unknown, ...(hasId || hasKey ? [] : [`customFields.${i} must have an id or a key`])];
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
