import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GHLValidationError } from '../../src/errors.js';
import { expandPathTemplate, path } from '../../src/http/path.js';
import { hostileIds } from '../helpers/hostile-ids.js';

const BASE = 'https://services.leadconnectorhq.com';

function rejectionOf(run: () => unknown): GHLValidationError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof GHLValidationError) return error;
    throw error;
  }
}

/** Where the request would really go: what `new URL()` (and so fetch) makes of base + path. */
function landing(pathname: string): URL {
  return new URL(BASE + pathname);
}

describe('path tag', () => {
  it('encodes each parameter into its own segment', () => {
    expect(path`/contacts/${{ contactId: 'a b/c?d#e\\f%g' }}/notes`).toBe('/contacts/a%20b%2Fc%3Fd%23e%5Cf%25g/notes');
    expect(path`/locations/${{ locationId: 'LOC' }}/tags/${{ tagId: 7 }}`).toBe('/locations/LOC/tags/7');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['.', 'dot'],
    ['..', 'dot-dot'],
    ['%2e%2e', 'encoded dot-dot'],
    ['.%2E', 'half-encoded dot-dot'],
    ['%2e', 'encoded dot'],
    ['%252e%252e', 'double-encoded dot-dot'],
    ['x'.repeat(100_000), 'absurdly long'],
    ['..\\..\\locations\\LOC', 'backslash climb'],
    ['\\..\\..\\users\\U1', 'leading backslash climb'],
    ['../../x', 'slash climb'],
    ['a/%2e%2e/b', 'encoded climb between slashes'],
  ])('rejects %j (%s) naming the parameter, building nothing', (id) => {
    const error = rejectionOf(() => path`/contacts/${{ contactId: id }}`);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect(error?.issues[0]?.path).toBe('contactId');
    expect(error?.message).toMatch(/^Invalid contactId: /);
  });

  it.each([null, undefined, {}, ['a'], Number.NaN, Infinity])('rejects a non-string id %j', (id) => {
    expect(rejectionOf(() => path`/contacts/${{ contactId: id }}`)?.issues[0]?.path).toBe('contactId');
  });

  it('keeps hostile ids from the issue inside their segment', () => {
    for (const id of ['a\\b', 'a/b', '...', '..a', '?x=1', '#frag', '//evil.example']) {
      const url = landing(path`/contacts/${{ contactId: id }}`);
      expect(url.origin).toBe(BASE);
      expect(url.pathname.split('/')).toEqual(['', 'contacts', encodeURIComponent(id)]);
      expect(url.search + url.hash).toBe('');
    }
  });

  it('never lets a generated id leave its template (10,000 ids)', () => {
    const id = hostileIds();
    let sent = 0;
    let rejected = 0;
    fc.assert(
      fc.property(id, (value) => {
        let built: string;
        try {
          built = path`/contacts/${{ contactId: value }}/notes`;
        } catch (error) {
          expect(error).toBeInstanceOf(GHLValidationError);
          rejected += 1;
          return;
        }
        sent += 1;
        const url = landing(built);
        expect(url.origin).toBe(BASE);
        const segments = url.pathname.split('/');
        expect(segments).toHaveLength(4);
        expect([segments[1], segments[3]]).toEqual(['contacts', 'notes']);
        expect(decodeURIComponent(segments[2] as string)).toBe(value);
        expect(url.search + url.hash).toBe('');
      }),
      { numRuns: 10_000 },
    );
    expect(sent + rejected).toBe(10_000);
    // Most generated ids are fine ids and are sent; the rest are rejected by name, never thrown raw.
    expect(sent).toBeGreaterThan(5_000);
    console.info(`path tag: ${sent} generated ids built inside their template, ${rejected} rejected by name, 0 outside`);
  });
});

describe('expandPathTemplate', () => {
  it('fills spec-style templates through the same rules', () => {
    expect(expandPathTemplate('/contacts/{contactId}/notes/{id}', { contactId: 'c/1', id: 'n1' })).toBe('/contacts/c%2F1/notes/n1');
    expect(expandPathTemplate('/users/')).toBe('/users/');
  });

  it('names a missing, a bad and an unknown parameter', () => {
    expect(rejectionOf(() => expandPathTemplate('/contacts/{contactId}', {}))?.issues[0]?.path).toBe('contactId');
    expect(rejectionOf(() => expandPathTemplate('/contacts/{contactId}', { contactId: '..' }))?.issues[0]?.path).toBe('contactId');
    expect(rejectionOf(() => expandPathTemplate('/contacts/{contactId}', { contactId: 'c1', extra: 'x' }))?.issues[0]?.path).toBe('path.extra');
  });
});
