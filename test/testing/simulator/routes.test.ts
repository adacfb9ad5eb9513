import { describe, expect, it } from 'vitest';
import { matchPattern, parsePattern } from '../../../src/testing/simulator/routes.js';

describe('route patterns', () => {
  it('match methods, literal segments and :params, with or without a trailing slash', () => {
    const pattern = parsePattern('GET /contacts/:contactId');
    expect(matchPattern(pattern, 'GET', '/contacts/abc')).toEqual({ contactId: 'abc' });
    expect(matchPattern(pattern, 'get', '/contacts/a%20b/')).toEqual({ contactId: 'a b' });
    expect(matchPattern(pattern, 'PUT', '/contacts/abc')).toBeUndefined();
    expect(matchPattern(pattern, 'GET', '/contacts/')).toBeUndefined();
    expect(matchPattern(pattern, 'GET', '/contacts/abc/tags')).toBeUndefined();
    expect(matchPattern(parsePattern('POST /contacts/'), 'POST', '/contacts')).toEqual({});
  });

  it("'*' matches everything, and a '*' method any method", () => {
    expect(matchPattern(parsePattern('*'), 'DELETE', '/anything/at/all')).toEqual({});
    expect(matchPattern(parsePattern('* /contacts/:id'), 'PUT', '/contacts/x')).toEqual({ id: 'x' });
  });

  it('rejects malformed patterns', () => {
    expect(() => parsePattern('/contacts')).toThrow(TypeError);
    expect(() => parsePattern('get /contacts')).toThrow(TypeError);
  });
});
