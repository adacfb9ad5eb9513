import { dropUndefined, type TokenSet } from './token-set.js';

/**
 * GHL access tokens live a day (docs/ghl-api.md §1.3: "valid for a day", `expires_in` 86399). The
 * longest lifetime we believe, and the one assumed when GHL sends none we can use: if it is wrong,
 * the token's first 401 triggers a refresh and a replay.
 */
export const ACCESS_TOKEN_LIFETIME_S = 86_400;

/** The `POST /oauth/token` 200 body (`GetAccessCodeSuccessfulResponseDto`) as the SDK uses it. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string | undefined;
  /** Seconds: always finite, above zero and at most `ACCESS_TOKEN_LIFETIME_S`. */
  expires_in: number;
  scope: string | undefined;
  userType: 'Location' | 'Company' | undefined;
  locationId: string | undefined;
  companyId: string | undefined;
}

export interface ReadTokenResponse {
  response: TokenResponse;
  /** What was odd about the body and how it was read, for one log line. Never contains a value that could be a token. */
  oddities: string[];
}

/**
 * Reads a 200 from the token endpoint. When it arrives, GHL has already spent the refresh token we
 * sent, so rejecting the body over an optional field would throw away the only live refresh token.
 * Only a usable `access_token` is required; every other field is read leniently and each oddity is
 * reported instead of failing. Undefined when there is no usable access token.
 */
export function readTokenResponse(body: unknown): ReadTokenResponse | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const accessToken = record['access_token'];
  if (typeof accessToken !== 'string' || accessToken.trim() === '') return undefined;
  const oddities: string[] = [];
  const response: TokenResponse = {
    access_token: accessToken,
    refresh_token: readRefreshToken(record['refresh_token'], oddities),
    expires_in: readLifetime(record['expires_in'], oddities),
    scope: readScope(record['scope'], oddities),
    userType: readUserType(record['userType'], oddities),
    locationId: readId('locationId', record['locationId'], oddities),
    companyId: readId('companyId', record['companyId'], oddities),
  };
  return { response, oddities };
}

/**
 * Turns a token response into a TokenSet. GHL rotates refresh tokens, so the new one always wins;
 * the previous one is kept only when the response carries none — never re-pin an old token over a
 * newer one (the google-auth-library bug, docs/architecture.md "Known traps").
 */
export function tokenSetFromResponse(response: TokenResponse, now: number, previous?: TokenSet | null): TokenSet {
  return dropUndefined({
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    expiresAt: now + response.expires_in * 1000,
    scope: response.scope ?? previous?.scope,
    userType: response.userType ?? previous?.userType,
    locationId: response.locationId ?? previous?.locationId,
    companyId: response.companyId ?? previous?.companyId,
  });
}

function readRefreshToken(value: unknown, oddities: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  oddities.push(`refresh_token was ${kind(value)}: the previous refresh token is kept`);
  return undefined;
}

/** `expires_in` in seconds, clamped: `expiresAt` must stay a finite number a JSON store can hold. */
function readLifetime(value: unknown, oddities: string[]): number {
  let seconds = value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    seconds = Number(value);
    oddities.push('expires_in was a string: read as a number');
  }
  if (typeof seconds !== 'number' || !(seconds > 0)) {
    const what = typeof seconds === 'number' ? `${seconds}` : value === undefined ? 'missing' : kind(value);
    oddities.push(`expires_in was ${what}: assumed ${ACCESS_TOKEN_LIFETIME_S} s`);
    return ACCESS_TOKEN_LIFETIME_S;
  }
  if (seconds > ACCESS_TOKEN_LIFETIME_S) {
    oddities.push(`expires_in was ${seconds}: capped at ${ACCESS_TOKEN_LIFETIME_S} s`);
    return ACCESS_TOKEN_LIFETIME_S;
  }
  return seconds;
}

function readScope(value: unknown, oddities: string[]): string | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    oddities.push('scope was an array: joined with spaces');
    return value.join(' ');
  }
  oddities.push(`scope was ${kind(value)}: ignored`);
  return undefined;
}

function readUserType(value: unknown, oddities: string[]): 'Location' | 'Company' | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'Location' || value === 'Company') return value;
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  if (lower === 'location' || lower === 'company') {
    oddities.push(`userType was "${value}": read as ${lower === 'location' ? 'Location' : 'Company'}`);
    return lower === 'location' ? 'Location' : 'Company';
  }
  oddities.push(`userType was ${kind(value)}: ignored`);
  return undefined;
}

function readId(name: string, value: unknown, oddities: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  oddities.push(`${name} was ${kind(value)}: ignored`);
  return undefined;
}

/** What a value is, without showing it (it may be a token). */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'an unexpected string';
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}
