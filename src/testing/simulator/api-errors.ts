import { json, type SimResponse } from './wire.js';

/** GHL's error bodies, as observed or declared (ghl-api.md §5). */

/** Observed 401 for a missing, unknown, expired or revoked token (https://github.com/GoHighLevel/highlevel-api-docs/issues/213). */
export function unauthorized(): SimResponse {
  return json(401, { statusCode: 401, message: 'Invalid JWT' });
}

/** Observed 403 when the token's location is not the one addressed (https://github.com/GoHighLevel/highlevel-api-docs/issues/213). */
export function forbiddenLocation(): SimResponse {
  return json(403, { statusCode: 403, message: 'The token does not have access to this location.' });
}

/** `BadRequestDTO`. */
export function badRequest(message: string): SimResponse {
  return json(400, { statusCode: 400, message });
}

/** `UnprocessableDTO`: `message` is an array, one entry per failed constraint (class-validator style). */
export function unprocessable(messages: string[]): SimResponse {
  return json(422, { statusCode: 422, message: messages, error: 'Unprocessable Entity' });
}

export function notFound(message: string): SimResponse {
  return json(404, { statusCode: 404, message, error: 'Not Found' });
}

/** What GHL's NestJS router answers for a path it does not serve. */
export function unknownRoute(method: string, path: string): SimResponse {
  return notFound(`Cannot ${method.toUpperCase()} ${path}`);
}

/**
 * A token of the wrong class for the route (a Location token on an Agency-Access route, or the other
 * way round). GUESS (ghl-api.md §1.5): GHL's IAM answers 401 with this message, reported by integrators.
 */
export function wrongTokenClass(): SimResponse {
  return json(401, { statusCode: 401, message: 'This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.' });
}
