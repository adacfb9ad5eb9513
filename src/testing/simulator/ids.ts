import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/**
 * Identifier and credential generation. Everything is random, never sequential, so an SDK cannot
 * accidentally depend on token order, and tokens look like GHL's: access and refresh tokens are
 * JWT-shaped (GHL answers "Invalid JWT", ghl-api.md §5), which also exercises the SDK's redaction of
 * JWT-looking strings. Their payload is a random id only; nothing should decode them.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 20 alphanumeric characters, the shape of GHL contact, location and user ids. */
export function ghlId(): string {
  let id = '';
  for (let i = 0; i < 20; i++) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** An opaque, JWT-shaped bearer credential. */
export function opaqueToken(): string {
  const payload = Buffer.from(JSON.stringify({ jti: randomUUID() })).toString('base64url');
  return `${JWT_HEADER}.${payload}.${randomBytes(32).toString('base64url')}`;
}

/** A Private Integration Token (`pit-…`, ghl-api.md §8). */
export function privateIntegrationToken(): string {
  return `pit-${randomUUID()}`;
}

/** An authorization code as delivered to the OAuth callback (`?code=…`). */
export function authorizationCode(): string {
  return randomBytes(20).toString('hex');
}
