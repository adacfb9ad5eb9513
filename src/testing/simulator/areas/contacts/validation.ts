/**
 * Body validation for the contact write endpoints, mimicking GHL's NestJS ValidationPipe with
 * `forbidNonWhitelisted`: every unknown property is a 422 "property X should not exist" (ghl-api.md
 * §3.2, https://github.com/GoHighLevel/highlevel-api-docs/issues/262), and every failed constraint adds one message to the 422 array.
 * Field lists are the DTOs of apps/contacts.json.
 */

type FieldKind = 'string' | 'nullableString' | 'boolean' | 'stringArray' | 'customFields' | 'dndSettings' | 'inboundDndSettings' | 'dateOfBirth';

/** `CreateContactDto` (ghl-api.md §3.1). */
const CREATE_FIELDS: Readonly<Record<string, FieldKind>> = {
  firstName: 'nullableString',
  lastName: 'nullableString',
  name: 'nullableString',
  email: 'nullableString',
  locationId: 'string',
  gender: 'string',
  phone: 'nullableString',
  address1: 'nullableString',
  city: 'nullableString',
  state: 'nullableString',
  postalCode: 'string',
  website: 'nullableString',
  timezone: 'nullableString',
  dnd: 'boolean',
  dndSettings: 'dndSettings',
  inboundDndSettings: 'inboundDndSettings',
  tags: 'stringArray',
  customFields: 'customFields',
  source: 'string',
  dateOfBirth: 'dateOfBirth',
  country: 'string',
  companyName: 'nullableString',
  assignedTo: 'string',
};

/** `UpsertContactDto` = create + `createNewIfDuplicateAllowed` (ghl-api.md §3.2). */
const UPSERT_FIELDS: Readonly<Record<string, FieldKind>> = { ...CREATE_FIELDS, createNewIfDuplicateAllowed: 'boolean' };

/** `UpdateContactDto`: create minus `locationId`, `gender`, `companyName`; `source`/`assignedTo` nullable (ghl-api.md §3.3). */
const NOT_UPDATABLE = ['locationId', 'gender', 'companyName'];
const UPDATE_FIELDS: Readonly<Record<string, FieldKind>> = {
  ...Object.fromEntries(Object.entries(CREATE_FIELDS).filter(([key]) => !NOT_UPDATABLE.includes(key))),
  source: 'nullableString',
  assignedTo: 'nullableString',
};

/** `TagsDTO` (ghl-api.md §3.5). */
const TAGS_FIELDS: Readonly<Record<string, FieldKind>> = { tags: 'stringArray' };

const CONTACT_DTOS = { create: CREATE_FIELDS, upsert: UPSERT_FIELDS, update: UPDATE_FIELDS, tags: TAGS_FIELDS } as const;
export type ContactDto = keyof typeof CONTACT_DTOS;

const REQUIRED: Readonly<Record<ContactDto, readonly string[]>> = { create: ['locationId'], upsert: ['locationId'], update: [], tags: ['tags'] };

const DND_CHANNELS = ['Call', 'Email', 'SMS', 'WhatsApp', 'GMB', 'FB'];
// class-validator's IsEmail is stricter; this catches what an SDK's own validation should have caught.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The 422 messages for `body` against `dto`; empty when it is valid. */
export function validateContactBody(body: Record<string, unknown>, dto: ContactDto): string[] {
  const fields = CONTACT_DTOS[dto];
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
    case 'nullableString':
      if (value === null) return [];
      if (typeof value !== 'string') return [`${key} must be a string`];
      return key === 'email' && !EMAIL.test(value) ? ['email must be an email'] : [];
    case 'string':
      return typeof value === 'string' ? [] : [`${key} must be a string`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${key} must be a boolean value`];
    case 'stringArray':
      if (!Array.isArray(value)) return [`${key} must be an array`];
      return value.every((item) => typeof item === 'string') ? [] : [`each value in ${key} must be a string`];
    case 'dateOfBirth':
      // Typed `object` in the spec but described as a date string (ghl-api.md §3.1).
      return value === null || typeof value === 'string' ? [] : [`${key} must be a string`];
    case 'customFields':
      return checkCustomFields(value);
    case 'dndSettings':
      return checkDndMap(key, value, DND_CHANNELS, ['active', 'inactive', 'permanent']);
    case 'inboundDndSettings':
      return checkDndMap(key, value, ['all'], ['active', 'inactive']);
  }
}

/** Input custom fields are `{ id | key, field_value }` (ghl-api.md §3.1). */
function checkCustomFields(value: unknown): string[] {
  if (!Array.isArray(value)) return ['customFields must be an array'];
  return value.flatMap((item: unknown, i) => {
    if (!isRecord(item)) return [`customFields.${i} must be an object`];
    const hasId = typeof item['id'] === 'string' && item['id'] !== '';
    const hasKey = typeof item['key'] === 'string' && item['key'] !== '';
    return hasId || hasKey ? [] : [`customFields.${i} must have an id or a key`];
  });
}

function checkDndMap(key: string, value: unknown, channels: string[], statuses: string[]): string[] {
  if (!isRecord(value)) return [`${key} must be an object`];
  return Object.entries(value).flatMap(([channel, setting]) => {
    if (!channels.includes(channel)) return [`property ${key}.${channel} should not exist`];
    if (!isRecord(setting)) return [`${key}.${channel} must be an object`];
    return typeof setting['status'] === 'string' && statuses.includes(setting['status'])
      ? []
      : [`${key}.${channel}.status must be one of the following values: ${statuses.join(', ')}`];
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
