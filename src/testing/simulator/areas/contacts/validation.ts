/**
 * Body validation for the contact write endpoints, mimicking GHL's NestJS ValidationPipe with
 * `forbidNonWhitelisted`: every unknown property is a 422 "property X should not exist" (ghl-api.md
 * §3.2, https://github.com/GoHighLevel/highlevel-api-docs/issues/262), and every failed constraint adds one message to the 422 array.
 * Field lists are the DTOs of apps/contacts.json.
 */

import { checkDto, isRecord, requiring, type Dto, type FieldRule } from '../../dto.js';

const NULLABLE_STRING: FieldRule = { kind: 'string', nullable: true };

/** `CreateContactDto` (ghl-api.md §3.1). */
const CREATE_FIELDS: Dto = {
  firstName: NULLABLE_STRING,
  lastName: NULLABLE_STRING,
  name: NULLABLE_STRING,
  email: { kind: 'string', nullable: true, check: checkEmail },
  locationId: { kind: 'string' },
  gender: { kind: 'string' },
  phone: NULLABLE_STRING,
  address1: NULLABLE_STRING,
  city: NULLABLE_STRING,
  state: NULLABLE_STRING,
  postalCode: { kind: 'string' },
  website: NULLABLE_STRING,
  timezone: NULLABLE_STRING,
  dnd: { kind: 'boolean' },
  dndSettings: { kind: 'object', check: (key, value) => checkDndMap(key, value, DND_CHANNELS, ['active', 'inactive', 'permanent']) },
  inboundDndSettings: { kind: 'object', check: (key, value) => checkDndMap(key, value, ['all'], ['active', 'inactive']) },
  tags: { kind: 'stringArray' },
  customFields: { kind: 'any', check: checkCustomFields },
  source: { kind: 'string' },
  // Typed `object` in the spec but described as a date string (ghl-api.md §3.1).
  dateOfBirth: NULLABLE_STRING,
  country: { kind: 'string' },
  companyName: NULLABLE_STRING,
  assignedTo: { kind: 'string' },
};

/** `UpsertContactDto` = create + `createNewIfDuplicateAllowed` (ghl-api.md §3.2). */
const UPSERT_FIELDS: Dto = { ...CREATE_FIELDS, createNewIfDuplicateAllowed: { kind: 'boolean' } };

/** `UpdateContactDto`: create minus `locationId`, `gender`, `companyName`; `source`/`assignedTo` nullable (ghl-api.md §3.3). */
const NOT_UPDATABLE = ['locationId', 'gender', 'companyName'];
const UPDATE_FIELDS: Dto = {
  ...Object.fromEntries(Object.entries(CREATE_FIELDS).filter(([key]) => !NOT_UPDATABLE.includes(key))),
  source: NULLABLE_STRING,
  assignedTo: NULLABLE_STRING,
};

/** `TagsDTO` (ghl-api.md §3.5). */
const TAGS_FIELDS: Dto = { tags: { kind: 'stringArray' } };

const CONTACT_DTOS = { create: CREATE_FIELDS, upsert: UPSERT_FIELDS, update: UPDATE_FIELDS, tags: TAGS_FIELDS } as const;
export type ContactDto = keyof typeof CONTACT_DTOS;

const REQUIRED: Readonly<Record<ContactDto, readonly string[]>> = { create: ['locationId'], upsert: ['locationId'], update: [], tags: ['tags'] };

const DND_CHANNELS = ['Call', 'Email', 'SMS', 'WhatsApp', 'GMB', 'FB'];
// class-validator's IsEmail is stricter; this catches what an SDK's own validation should have caught.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The 422 messages for `body` against `dto`; empty when it is valid. */
export function validateContactBody(body: Record<string, unknown>, dto: ContactDto): string[] {
  return checkDto(body, requiring(CONTACT_DTOS[dto], REQUIRED[dto]));
}

function checkEmail(key: string, value: unknown): string[] {
  return typeof value === 'string' && !EMAIL.test(value) ? [`${key} must be an email`] : [];
}

/** Input custom fields are `{ id | key, field_value }` (ghl-api.md §3.1). */
function checkCustomFields(key: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [`${key} must be an array`];
  return value.flatMap((item: unknown, i) => {
    if (!isRecord(item)) return [`customFields.${i} must be an object`];
    const hasId = typeof item['id'] === 'string' && item['id'] !== '';
    const hasKey = typeof item['key'] === 'string' && item['key'] !== '';
    return hasId || hasKey ? [] : [`customFields.${i} must have an id or a key`];
  });
}

function checkDndMap(key: string, value: unknown, channels: string[], statuses: string[]): string[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([channel, setting]) => {
    if (!channels.includes(channel)) return [`property ${key}.${channel} should not exist`];
    if (!isRecord(setting)) return [`${key}.${channel} must be an object`];
    return typeof setting['status'] === 'string' && statuses.includes(setting['status'])
      ? []
      : [`${key}.${channel}.status must be one of the following values: ${statuses.join(', ')}`];
  });
}
