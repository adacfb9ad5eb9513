/**
 * A request body checked against a DTO's field list the way GHL's NestJS pipeline does it
 * (class-validator with `forbidNonWhitelisted`): one message per failed constraint, phrased like
 * class-validator's, so a 422's `message` array reads like GHL's (docs/ghl-api.md §3.2, §5). Each area
 * writes its own field lists from spec/; this file only knows how to check one.
 */

export type FieldKind = 'string' | 'boolean' | 'number' | 'stringArray' | 'dateTime' | 'objectArray';

export interface FieldRule {
  kind: FieldKind;
  required?: boolean;
  /** The spec's enum for the field. */
  values?: readonly string[];
}

export type Dto = Readonly<Record<string, FieldRule>>;

// ISO-8601 date-time as class-validator's IsISO8601 accepts it (a zone is optional there).
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The 422 messages for `body` against `dto`; empty when it is valid. */
export function checkDto(body: Record<string, unknown>, dto: Dto): string[] {
  const messages: string[] = [];
  for (const key of Object.keys(body)) if (!Object.hasOwn(dto, key)) messages.push(`property ${key} should not exist`);
  for (const [key, rule] of Object.entries(dto)) {
    const value = body[key];
    if (value === undefined || value === null || value === '') {
      if (rule.required) messages.push(`${key} should not be empty`);
      if (value === undefined || !rule.required) continue;
    }
    messages.push(...checkField(key, rule, value));
  }
  return messages;
}

function checkField(key: string, rule: FieldRule, value: unknown): string[] {
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return [`${key} must be a string`];
      return rule.values && !rule.values.includes(value) ? [`${key} must be one of the following values: ${rule.values.join(', ')}`] : [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${key} must be a boolean value`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${key} must be a number conforming to the specified constraints`];
    case 'dateTime':
      return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? [] : [`${key} must be a valid ISO 8601 date string`];
    case 'stringArray':
      if (!Array.isArray(value)) return [`${key} must be an array`];
      return value.every((item) => typeof item === 'string') ? [] : [`each value in ${key} must be a string`];
    case 'objectArray':
      if (!Array.isArray(value)) return [`${key} must be an array`];
      return value.every(isRecord) ? [] : [`each value in ${key} must be an object`];
  }
}
