import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createApiError,
  GHLApiError,
  GHLAuthenticationError,
  GHLBadRequestError,
  GHLConfigError,
  GHLDuplicateContactError,
  GHLError,
  GHLForbiddenError,
  GHLNotFoundError,
  GHLRateLimitError,
  GHLServerError,
  GHLTimeoutError,
  GHLConnectionError,
  GHLUnprocessableError,
  redactSecrets,
  rememberSecrets,
  scrubSecrets,
} from '../src/errors.js';

const execFileAsync = promisify(execFile);

const init = (status: number, body: unknown = {}) => ({ status, body, headers: {}, method: 'GET', path: '/contacts/1' });

describe('createApiError', () => {
  it.each([
    [400, GHLBadRequestError],
    [401, GHLAuthenticationError],
    [403, GHLForbiddenError],
    [404, GHLNotFoundError],
    [422, GHLUnprocessableError],
    [429, GHLRateLimitError],
    [500, GHLServerError],
    [503, GHLServerError],
    [418, GHLApiError],
  ])('maps %i to %s, and the name equals the class name', (status, Class) => {
    const error = createApiError(init(status));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(GHLApiError);
    expect(error).toBeInstanceOf(GHLError);
    expect(error.name).toBe(Class.name);
    expect(error.status).toBe(status);
  });

  it('makes the duplicate-contact 400 a GHLDuplicateContactError with existingContactId', () => {
    const error = createApiError(init(400, { statusCode: 400, message: 'This location does not allow duplicated contacts.', meta: { contactId: 'c-9', matchingField: 'email' } }));
    expect(error).toBeInstanceOf(GHLDuplicateContactError);
    expect(error).toBeInstanceOf(GHLBadRequestError);
    expect((error as GHLDuplicateContactError).existingContactId).toBe('c-9');
    expect((error as GHLDuplicateContactError).matchingField).toBe('email');
    expect(error.message).toBe('GHL GET /contacts/1 failed with 400: This location does not allow duplicated contacts.');
  });

  it('joins a 422 message array and keeps body, traceId and headers', () => {
    const error = createApiError({ ...init(422, { statusCode: 422, message: ['property a should not exist', 'email must be an email'], traceId: 't-1' }), headers: { 'x-a': 'b' } });
    expect(error.message).toContain('property a should not exist; email must be an email');
    expect(error.traceId).toBe('t-1');
    expect(error.headers).toEqual({ 'x-a': 'b' });
    expect(error.body).toMatchObject({ statusCode: 422 });
  });

  it('carries retryAfterMs on a 429', () => {
    const error = createApiError({ ...init(429), retryAfterMs: 1_000 });
    expect((error as GHLRateLimitError).retryAfterMs).toBe(1_000);
  });
});

describe('the rest of the hierarchy', () => {
  it('keeps cause (a credential-free copy of a foreign error, our own errors as they are), and names survive', () => {
    const cause = Object.assign(new Error('low level'), { code: 'ECONNRESET', request: { headers: { authorization: 'Bearer x' } } });
    const timeout = new GHLTimeoutError('slow', { cause });
    expect(timeout).toBeInstanceOf(GHLConnectionError);
    expect(timeout.cause).toMatchObject({ name: 'Error', message: 'low level', code: 'ECONNRESET' });
    expect(timeout.cause).not.toHaveProperty('request');
    expect(new GHLError('outer', { cause: timeout }).cause).toBe(timeout);
    expect(timeout.name).toBe('GHLTimeoutError');
    const config = new GHLConfigError('missing', { missing: ['GHL_LOCATION_ID'] });
    expect(config.missing).toEqual(['GHL_LOCATION_ID']);
    expect(config.name).toBe('GHLConfigError');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [redacted]'],
    ['refresh_token=rt-secret&client_secret=shh&grant_type=refresh_token', 'refresh_token=[redacted]&client_secret=[redacted]&grant_type=refresh_token'],
    ['{"access_token":"at-1","refresh_token":"rt-1"}', '{"access_token":"[redacted]","refresh_token":"[redacted]"}'],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'token [redacted]'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('is applied to every GHLError message', () => {
    expect(new GHLError('failed with Bearer at-123').message).toBe('failed with Bearer [redacted]');
  });
});

describe('instanceof across copies of the package (the dual-package hazard)', () => {
  // An app that `import`s ghl-sdk while one of its dependencies `require`s it loads both builds:
  // two sets of classes. Build both from the sources the way tsup does, load both in one real Node
  // process, and check every error class against errors made by the other copy.
  it('an error from the CJS build is an instance of the ESM class and the other way round; name is kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ghl-dual-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const shared: BuildOptions = { entryPoints: ['src/index.ts'], bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' };
    await Promise.all([build({ ...shared, format: 'esm', outfile: join(dir, 'index.mjs') }), build({ ...shared, format: 'cjs', outfile: join(dir, 'index.cjs') })]);
    await writeFile(
      join(dir, 'check.mjs'),
      `import { createRequire } from 'node:module';
const esm = await import('./index.mjs');
const cjs = createRequire(import.meta.url)('./index.cjs');
const names = Object.keys(esm).filter((name) => /^GHL\\w*Error$/.test(name));
const init = { status: 400, body: {}, headers: {}, method: 'GET', path: '/x', existingContactId: 'c', operation: 'get', missing: [] };
const problems = [];
for (const [from, to] of [[cjs, esm], [esm, cjs]]) {
  if (from.GHLError === to.GHLError) problems.push('the two builds share one class: nothing was tested');
  for (const made of names) {
    // GHLSyncInterruptedError carries the partial report of a bulk sync instead of a message.
    const error = made === 'GHLSyncInterruptedError' ? new from[made]({ created: 0, updated: 0, failed: [] }, { cause: 'boom' }) : new from[made]('boom', init);
    if (error.name !== made) problems.push(made + ' has name ' + error.name);
    for (const asked of names) {
      const expected = error instanceof from[asked];
      if ((error instanceof to[asked]) !== expected) problems.push(made + ' instanceof other copy ' + asked + ' is ' + !expected);
    }
  }
  if (new Error('plain') instanceof to.GHLError || {} instanceof to.GHLError || null instanceof to.GHLError) problems.push('a non-SDK value passed instanceof');
}
class AppError extends esm.GHLError {}
if (!(new AppError('x') instanceof esm.GHLError) || new cjs.GHLError('x') instanceof AppError) problems.push('a user subclass misbehaves');
console.log(JSON.stringify({ names, problems }));
`,
    );
    const { stdout } = await execFileAsync(process.execPath, [join(dir, 'check.mjs')]);
    const result = JSON.parse(stdout) as { names: string[]; problems: string[] };
    expect(result.problems).toEqual([]);
    expect(result.names).toEqual(expect.arrayContaining(['GHLError', 'GHLApiError', 'GHLNotFoundError', 'GHLReauthRequiredError', 'GHLTokenStoreError']));
    expect(result.names.length).toBeGreaterThanOrEqual(18);
  });
});

describe('masking by exact value', () => {
  it('masks every remembered credential wherever it appears, whatever its shape', () => {
    rememberSecrets('pit-0d1e2f3a-plain', undefined, 'short');
    expect(redactSecrets('store said: pit-0d1e2f3a-plain!')).toBe('store said: [redacted]!');
    // Too short to be a credential: masking it would mangle ordinary words.
    expect(redactSecrets('a short note')).toBe('a short note');
    expect(new GHLError('hook failed for pit-0d1e2f3a-plain').message).toBe('hook failed for [redacted]');
  });

  it('scrubs strings nested in bodies and headers', () => {
    rememberSecrets('rt-exact-value-123');
    expect(scrubSecrets({ a: ['x rt-exact-value-123'], b: { c: 'Bearer abc' }, n: 1 })).toEqual({ a: ['x [redacted]'], b: { c: 'Bearer [redacted]' }, n: 1 });
  });

  it('a foreign cause is copied without what it carries, message masked, frames kept', () => {
    rememberSecrets('at-exact-value-456');
    const foreign = Object.assign(new Error('rejected at-exact-value-456'), { request: { headers: { authorization: 'Bearer at-exact-value-456' } } });
    const error = new GHLError('failed', { cause: foreign });
    const cause = error.cause as Error;
    expect(cause.message).toBe('rejected [redacted]');
    expect(cause).not.toHaveProperty('request');
    expect(cause.stack).toContain('errors.test.ts');
    expect(cause.stack).not.toContain('at-exact-value-456');
  });
});
