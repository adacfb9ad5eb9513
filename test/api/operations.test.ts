import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOperation } from '../../src/api/operations.js';
import { OPERATIONS } from '../../src/generated/operations.js';
import type { HttpMethod } from '../../src/http/transport.js';
import { bodyEncoding, declaredVersions, listOperations, METHODS, readSpecs, securityKind } from '../../scripts/spec-operations.js';

const specs = readSpecs();
const operations = listOperations(specs);
const key = (method: string, template: string) => `${method.toUpperCase()} ${template}`;

describe('the vendored specs', () => {
  it('hold 41 files and 576 operations, no two with the same method and path', () => {
    expect(specs.size).toBe(41);
    expect(operations).toHaveLength(576);
    expect(new Set(operations.map((op) => key(op.method, op.template))).size).toBe(576);
  });
});

describe('the runtime table (src/generated/operations.ts)', () => {
  it("has every spec operation with the spec's Version, security and body encoding", () => {
    for (const op of operations) {
      expect(findOperation(op.method.toUpperCase() as HttpMethod, op.template), key(op.method, op.template)).toEqual({
        version: declaredVersions(op)[0],
        security: securityKind(op),
        body: bodyEncoding(op.operation),
      });
    }
  });

  it('has nothing else: 576 codes in all', () => {
    const codes = Object.values(OPERATIONS).flatMap((entry) => entry.split(' '));
    expect(codes).toHaveLength(576);
    expect(Object.keys(OPERATIONS)).toHaveLength(new Set(operations.map((op) => op.template)).size);
  });

  it('tells the 2021-04-15 files from the rest and the agency operations from the location ones', () => {
    expect(findOperation('GET', '/calendars/')?.version).toBe('2021-04-15');
    expect(findOperation('GET', '/contacts/{contactId}')).toEqual({ version: '2021-07-28', security: 'location', body: 'json' });
    expect(findOperation('POST', '/oauth/locationToken')).toEqual({ version: '2021-07-28', security: 'agency', body: 'form' });
    expect(findOperation('GET', '/locations/{locationId}')?.security).toBe('both');
    expect(findOperation('POST', '/oauth/token')).toEqual({ version: undefined, security: 'none', body: 'form' });
    expect(findOperation('GET', '/no/such/path')).toBeUndefined();
    expect(findOperation('PATCH', '/contacts/{contactId}')).toBeUndefined();
    expect(findOperation('GET', 'toString')).toBeUndefined();
  });
});

describe('the generated types (src/generated/api-types.ts)', () => {
  it('declare every spec operation under its method, and nothing else', () => {
    const text = readFileSync(join(import.meta.dirname, '../../src/generated/api-types.ts'), 'utf8');
    const declared: string[] = [];
    for (const match of text.matchAll(/^ {4}("[^"]+"): \w+\.paths\[("[^"]+")\]\[("\w+")\];$/gm)) {
      const [, listed, template, method] = match.map((group) => (group?.startsWith('"') ? (JSON.parse(group) as string) : group));
      expect(listed).toBe(template);
      declared.push(key(method ?? '', template ?? ''));
    }
    expect(declared.sort()).toEqual(operations.map((op) => key(op.method, op.template)).sort());
    expect(METHODS.every((method) => text.includes(`\n  ${method}: {\n`))).toBe(true);
  });
});
