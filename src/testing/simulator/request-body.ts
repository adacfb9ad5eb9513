import type { ApiContext } from './api-route.js';
import { badRequest, unprocessable } from './api-errors.js';
import { isRecord } from './dto.js';
import type { SimResponse } from './wire.js';

/** A value a route can use, or the response that explains why there is none. */
export type Checked<T> = { value: T } | { error: SimResponse };

/** The request body as a JSON object (no body counts as `{}`), or the 400 GHL answers otherwise. */
export function objectBody(context: ApiContext): Checked<Record<string, unknown>> {
  const body = context.body ?? {};
  return isRecord(body) ? { value: body } : { error: badRequest('Request body must be a JSON object') };
}

/** The body, checked by `validate` (its DTO's 422 messages): the 400 or the 422 to send, or the body. */
export function checkedBody(context: ApiContext, validate: (body: Record<string, unknown>) => string[]): Checked<Record<string, unknown>> {
  const body = objectBody(context);
  if ('error' in body) return body;
  const messages = validate(body.value);
  return messages.length > 0 ? { error: unprocessable(messages) } : body;
}
