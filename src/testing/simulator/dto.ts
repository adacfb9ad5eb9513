/**
 * A request body checked against a DTO's field list the way GHL's NestJS pipeline does it
 * (class-validator with `forbidNonWhitelisted`): one message per failed constraint, phrased like
 * class-validator's, so a 422's `message` array reads like GHL's (docs/ghl-api.md §3.2, §5). Each area
 * writes its own field lists from spec/ (never from src/resources); this file only knows how to check one.
 */

export type FieldKind = 'string' | 'number' | 'boolean' | 'dateTime' | 'enum' | 'stringArray' | 'object' | 'objectArray' | 'any';

export interface FieldRule {
  kind: FieldKind;
  required?: boolean;
  /** The spec's enum: for `enum` any other value fails; for `string` a non-string fails as a string first. */
  values?: readonly string[];
  /** `null` is accepted (the spec's `nullable: true`). */
  nullable?: boolean;
  /** An area's own constraint (a format, a nested shape), run after the kind's check passes. */
  check?: (key: string, value: unknown) => string[];
}

export type Dto = Readonly<Record<string, FieldRule>>;

// ISO-8601 date-time as class-validator's IsISO8601 accepts it (a zone is optional there).
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The 422 messages for `body` against `dto`; empty when it is valid. Unknown properties first, then
 * each field in the DTO's order, as class-validator walks a class's properties.
 */
export function checkDto(body: Record<string, unknown>, dto: Dto): string[] {
  const messages: string[] = [];
  for (const key of Object.keys(body)) if (!Object.hasOwn(dto, key)) messages.push(`property ${key} should not exist`);
  for (const [key, rule] of Object.entries(dto)) {
    const value = body[key];
    if (rule.required && (value === undefined || value === null || value === '')) messages.push(`${key} should not be empty`);
    if (value === undefined || (value === null && rule.nullable)) continue;
    const problems = checkKind(key, rule, value);
    messages.push(...(problems.length === 0 && rule.check ? rule.check(key, value) : problems));
  }
  return messages;
}

function checkKind(key: string, rule: FieldRule, value: unknown): string[] {
  const oneOf = `${key} must be one of the following values: ${rule.values?.join(', ')}`;
  switch (rule.kind) {
    case 'string':
      if (typeof value !== 'string') return [`${key} must be a string`];
      return rule.values && !rule.values.includes(value) ? [oneOf] : [];
    case 'enum':
      return typeof value === 'string' && rule.values?.includes(value) ? [] : [oneOf];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${key} must be a boolean value`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${key} must be a number conforming to the specified constraints`];
    case 'dateTime':
      return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? [] : [`${key} must be a valid ISO 8601 date string`];
    case 'stringArray':
      if (!Array.isArray(value)) return [`${key} must be an array`];
      return value.every((item) => typeof item === 'string') ? [] : [`each value in ${key} must be a string`];
    case 'object':
      return isRecord(value) ? [] : [`${key} must be an object`];
    case 'objectArray':
      if (!Array.isArray(value)) return [`${key} must be an array`];
      return value.every(isRecord) ? [] : [`each value in ${key} must be an object`];
    case 'any':
      return [];
  }
}

/**
 * `dto` with `keys` required and checked first, in that order: for areas that keep a DTO's required
 * list apart from its fields, as the spec does.
 */
export function requiring(dto: Dto, keys: readonly string[]): Dto {
  const required = keys.filter((key) => Object.hasOwn(dto, key)).map((key) => [key, { ...dto[key], required: true }] as const);
  return Object.fromEntries([...required, ...Object.entries(dto).filter(([key]) => !keys.includes(key))]);
}
