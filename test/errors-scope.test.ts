import { describe, expect, it } from 'vitest';
import { createApiError, GHLAuthenticationError, GHLError, GHLScopeError } from '../src/errors.js';

const init = (body: unknown) => ({ status: 401, body, headers: {}, method: 'GET', path: '/users/search' });

describe('createApiError: a 401 scope denial', () => {
  it("is a GHLScopeError (a GHLAuthenticationError) when GHL's message says the token lacks the scope", () => {
    const error = createApiError(init({ statusCode: 401, message: 'The token is not authorized for this scope.' }));
    expect(error).toBeInstanceOf(GHLScopeError);
    expect(error).toBeInstanceOf(GHLAuthenticationError);
    expect(error.name).toBe('GHLScopeError');
    expect((error as GHLScopeError).scope).toBeUndefined();
  });

  it('names the scope GHL names, in a `scope` field or in the message', () => {
    expect((createApiError(init({ message: 'The token is not authorized for this scope.', scope: 'users.readonly' })) as GHLScopeError).scope).toBe('users.readonly');
    const named = createApiError(init({ message: 'The token is not authorized for this scope: locations/customFields.write' })) as GHLScopeError;
    expect(named.scope).toBe('locations/customFields.write');
    expect(named.message).toContain('(missing scope: locations/customFields.write)');
  });

  it('withScope fills in the scope the operation declares, keeping status, body and cause; a named scope wins', () => {
    const error = createApiError(init({ message: 'The token is not authorized for this scope.' })) as GHLScopeError;
    const named = error.withScope('users.readonly');
    expect(named).toBeInstanceOf(GHLScopeError);
    expect(named).toMatchObject({ scope: 'users.readonly', status: 401, path: '/users/search', body: { message: 'The token is not authorized for this scope.' } });
    expect(named.message).toContain('this operation needs the users.readonly scope');
    expect(named.withScope('other.readonly')).toBe(named);
  });

  it('leaves every other 401 a plain GHLAuthenticationError', () => {
    const error = createApiError(init({ statusCode: 401, message: 'Invalid JWT' }));
    expect(error).toBeInstanceOf(GHLAuthenticationError);
    expect(error).not.toBeInstanceOf(GHLScopeError);
    expect(error).toBeInstanceOf(GHLError);
  });
});
