/**
 * Request-body checks in the style of GHL's NestJS ValidationPipe with `forbidNonWhitelisted`: every
 * unknown property is "property X should not exist", every failed constraint one message of the 422
 * array (docs/ghl-api.md §3.2). Each area writes its DTOs' field lists from the spec as `DtoFields`.
 */

/** What one DTO field must hold: a JSON type, a list of allowed strings (an enum), or anything. */
export type FieldRule = 'string' | 'number' | 'boolean' | 'stringArray' | 'object' | 'any' | readonly string[];

export type DtoFields = Readonly<Record<string, FieldRule>>;

/** The 422 messages for `body` against `fields`; empty when it is valid. */
export function checkDto(body: Record<string, unknown>, fields: DtoFields, required: readonly string[] = []): string[] {
  const messages: string[] = [];
  for (const key of Object.keys(body)) if (!Object.hasOwn(fields, key)) messages.push(`property ${key} should not exist`);
  for (const key of required) if (body[key] === undefined || body[key] === null || body[key] === '') messages.push(`${key} should not be empty`);
  for (const [key, rule] of Object.entries(fields)) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const problem = checkRule(key, rule, value);
    if (problem) messages.push(problem);
  }
  return messages;
}

function checkRule(key: string, rule: FieldRule, value: unknown): string | undefined {
  if (typeof rule !== 'string') return typeof value === 'string' && rule.includes(value) ? undefined : `${key} must be one of the following values: ${rule.join(', ')}`;
  switch (rule) {
    case 'string':
      return typeof value === 'string' ? undefined : `${key} must be a string`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${key} must be a number conforming to the specified constraints`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${key} must be a boolean value`;
    case 'stringArray':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : `each value in ${key} must be a string`;
    case 'object':
      return isRecord(value) ? undefined : `${key} must be an object`;
    case 'any':
      return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
