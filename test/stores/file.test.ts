import { existsSync } from 'node:fs';
import { inspect } from 'node:util';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, type TestContext } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { GHLClient } from '../../src/client.js';
import { GHLError, GHLTokenStoreError } from '../../src/errors.js';
import { FileTokenStore } from '../../src/stores/file.js';
import type { TokenStore } from '../../src/stores/token-store.js';
import { server } from '../msw.js';

const FULL: TokenSet = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresAt: 1_750_000_000_000,
  scope: 'contacts.readonly contacts.write',
  userType: 'Location',
  locationId: 'loc-1',
  companyId: 'co-1',
};

const FAST_LOCK = { retryDelayMs: 2 };

interface Setup {
  dir: string;
  /** `<dir>/nested/deeper/tokens.json`: its folders do not exist yet. */
  file: string;
  folder: string;
  store: () => FileTokenStore;
  readJson: () => Promise<unknown>;
}

/** A fresh temp folder per test (the tests run concurrently), removed when the test ends. */
async function setup(context: TestContext): Promise<Setup> {
  const dir = await mkdtemp(join(tmpdir(), 'ghl-file-store-'));
  context.onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const folder = join(dir, 'nested', 'deeper');
  const file = join(folder, 'tokens.json');
  return {
    dir,
    file,
    folder,
    store: () => new FileTokenStore({ path: file, lock: FAST_LOCK }),
    readJson: async () => JSON.parse(await readFile(file, 'utf8')) as unknown,
  };
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** What a folder holds besides the `.gitignore` the store puts in folders it creates: no temp or lock files. */
const tokenFolderFiles = async (folder: string) => (await readdir(folder)).filter((name) => name !== '.gitignore');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

// Concurrent (each test has its own folder): writes fsync, and the lock tests wait on purpose.
describe.concurrent('FileTokenStore', () => {
  it('needs a path', ({ expect }) => {
    expect(() => new FileTokenStore({ path: '' })).toThrow(GHLError);
    expect(() => new FileTokenStore({ path: '  ' })).toThrow(/path/);
    expect(() => new FileTokenStore(undefined as never)).toThrow(GHLError);
  });

  it('reads null before anything is written, without creating the file', async (context) => {
    const { expect } = context;
    const { file, store } = await setup(context);
    expect(await store().get('loc-1')).toBeNull();
    expect(existsSync(file)).toBe(false);
  });

  it('round-trips every field, and writes `{ [key]: tokens }` JSON', async (context) => {
    const { expect } = context;
    const { file, store, readJson } = await setup(context);
    await store().set('loc-1', FULL);
    expect(await store().get('loc-1')).toEqual(FULL);
    expect(await readJson()).toEqual({ 'loc-1': FULL });
    expect(await readFile(file, 'utf8')).toMatch(/\n$/);
  });

  it('creates the folder (0700) and the file with mode 0600', async (context) => {
    const { expect } = context;
    const { file, folder, store } = await setup(context);
    await store().set('loc-1', FULL);
    expect(await mode(file)).toBe(0o600);
    expect(await mode(folder)).toBe(0o700);
  });

  it('puts a `*` .gitignore in a folder it creates, never in one that existed', async (context) => {
    const { expect } = context;
    const { dir, folder, store } = await setup(context);
    await store().set('loc-1', FULL);
    expect(await readFile(join(folder, '.gitignore'), 'utf8')).toBe('*\n');
    const existing = new FileTokenStore({ path: join(dir, 'tokens.json'), lock: FAST_LOCK });
    await existing.set('loc-1', FULL);
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
  });

  it('makes an existing world-readable file 0600 on the next write', async (context) => {
    const { expect } = context;
    const { file, folder, store, readJson } = await setup(context);
    await mkdir(folder, { recursive: true });
    await writeFile(file, JSON.stringify({ other: { accessToken: 'x' } }));
    await chmod(file, 0o644);
    await store().set('loc-1', FULL);
    expect(await mode(file)).toBe(0o600);
    expect(await readJson()).toEqual({ other: { accessToken: 'x' }, 'loc-1': FULL });
  });

  it('keeps keys isolated; delete removes one key only', async (context) => {
    const { expect } = context;
    const { store, readJson } = await setup(context);
    const s = store();
    await s.set('a', { accessToken: 'at-a', refreshToken: 'rt-a' });
    await s.set('b', { accessToken: 'at-b' });
    expect(await s.get('a')).toEqual({ accessToken: 'at-a', refreshToken: 'rt-a' });
    expect(await s.get('b')).toEqual({ accessToken: 'at-b' });
    await s.delete('a');
    await s.delete('never-there');
    expect(await s.get('a')).toBeNull();
    expect(await readJson()).toEqual({ b: { accessToken: 'at-b' } });
  });

  it('set replaces the whole set and drops undefined fields', async (context) => {
    const { expect } = context;
    const { store, readJson } = await setup(context);
    const s = store();
    await s.set('loc-1', FULL);
    await s.set('loc-1', { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: undefined });
    expect(await s.get('loc-1')).toEqual({ accessToken: 'at-2', refreshToken: 'rt-2' });
    expect(await readJson()).toEqual({ 'loc-1': { accessToken: 'at-2', refreshToken: 'rt-2' } });
  });

  it('hands out copies and stores copies', async (context) => {
    const { expect } = context;
    const { store } = await setup(context);
    const s = store();
    const tokens = { ...FULL };
    await s.set('loc-1', tokens);
    tokens.accessToken = 'changed-after-set';
    const got = await s.get('loc-1');
    if (!got) throw new Error('expected tokens');
    got.refreshToken = 'tampered';
    expect(await s.get('loc-1')).toEqual(FULL);
  });

  it('two instances over one file see each other’s writes (nothing cached)', async (context) => {
    const { expect } = context;
    const { store } = await setup(context);
    const a = store();
    const b = store();
    await a.set('loc-1', FULL);
    expect(await b.get('loc-1')).toEqual(FULL);
    await b.set('loc-1', { accessToken: 'rotated', refreshToken: 'rt-2' });
    expect(await a.get('loc-1')).toEqual({ accessToken: 'rotated', refreshToken: 'rt-2' });
  });

  it('writes atomically: no temp or lock files are left behind', async (context) => {
    const { expect } = context;
    const { folder, store } = await setup(context);
    const s = store();
    for (let i = 0; i < 5; i += 1) await s.set(`k${i}`, { accessToken: `at-${i}` });
    await s.withLock('k1', async () => s.set('k1', { accessToken: 'inside-lock' }));
    expect(await tokenFolderFiles(folder)).toEqual(['tokens.json']);
  });

  it('20 parallel sets of different keys lose no update', async (context) => {
    const { expect } = context;
    const { folder, store, readJson } = await setup(context);
    const s = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.set(`loc-${i}`, { accessToken: `at-${i}`, refreshToken: `rt-${i}` })));
    const all = (await readJson()) as Record<string, TokenSet>;
    expect(Object.keys(all).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `loc-${i}`).sort());
    for (let i = 0; i < 20; i += 1) expect(await s.get(`loc-${i}`)).toEqual({ accessToken: `at-${i}`, refreshToken: `rt-${i}` });
    expect(await tokenFolderFiles(folder)).toEqual(['tokens.json']);
  });

  it('parallel sets from separate instances lose no update either', async (context) => {
    const { expect } = context;
    const { store, readJson } = await setup(context);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store().set(`loc-${i}`, { accessToken: `at-${i}` })));
    expect(Object.keys((await readJson()) as object)).toHaveLength(10);
  });

  it('a corrupt file is a GHLError that does not quote the file, and is never overwritten', async (context) => {
    const { expect } = context;
    const { file, folder, store } = await setup(context);
    await mkdir(folder, { recursive: true });
    const corrupt = '{"loc-1": {"accessToken": "SECRET-access-123", "refreshToken": "SECRET-refresh-456"';
    await writeFile(file, corrupt);
    const s = store();

    const readError = await rejection(s.get('loc-1'));
    expect(readError).toBeInstanceOf(GHLTokenStoreError);
    expect((readError as Error).message).toContain(file);
    expect((readError as Error).message).not.toContain('SECRET');
    expect(String((readError as Error).cause ?? '')).not.toContain('SECRET');

    const writeError = await rejection(s.set('loc-2', { accessToken: 'at-2' }));
    expect(writeError).toBeInstanceOf(GHLTokenStoreError);
    expect((writeError as Error).message).not.toContain('SECRET');
    expect(await readFile(file, 'utf8')).toBe(corrupt);
    expect(await tokenFolderFiles(folder)).toEqual(['tokens.json']);
  });

  it('a file holding JSON that is not an object is rejected too', async (context) => {
    const { expect } = context;
    const { file, folder, store } = await setup(context);
    await mkdir(folder, { recursive: true });
    for (const content of ['[]', 'null', '"SECRET-string"']) {
      await writeFile(file, content);
      const error = await rejection(store().get('loc-1'));
      expect(error).toBeInstanceOf(GHLTokenStoreError);
      expect((error as Error).message).not.toContain('SECRET');
    }
  });

  it('keys named like Object.prototype members (__proto__, constructor, toString) are ordinary keys', async (context) => {
    const { expect } = context;
    const { store, readJson } = await setup(context);
    const s = store();
    for (const key of ['constructor', 'toString', 'hasOwnProperty']) expect(await s.get(key)).toBeNull();
    await s.set('__proto__', FULL);
    await s.set('constructor', { accessToken: 'at-c' });

    expect(await s.get('__proto__')).toEqual(FULL);
    expect(await store().get('constructor')).toEqual({ accessToken: 'at-c' });
    expect(await s.get('toString')).toBeNull();
    expect(Object.keys((await readJson()) as object)).toEqual(['__proto__', 'constructor']);
    await s.delete('__proto__');
    expect(await s.get('__proto__')).toBeNull();
    expect(await s.get('constructor')).toEqual({ accessToken: 'at-c' });
  });

  it('every failure is a GHLTokenStoreError with its cause: a path under a file, a corrupt file, a malformed entry', async (context) => {
    const { expect } = context;
    const { dir } = await setup(context);
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const underFile = new FileTokenStore({ path: join(dir, 'a-file', 'tokens.json'), lock: FAST_LOCK });
    for (const [operation, attempt] of [
      ['set', () => underFile.set('loc-1', FULL)],
      ['lock', () => underFile.withLock('loc-1', async () => 'never')],
      ['get', () => underFile.get('loc-1')],
    ] as const) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(GHLTokenStoreError);
      expect(error).toMatchObject({ operation, key: 'loc-1' });
      expect((error as Error).message).toContain(join(dir, 'a-file'));
      expect(((error as Error).cause as NodeJS.ErrnoException).code).toMatch(/^(EEXIST|ENOTDIR)$/);
    }

    const file = join(dir, 'tokens.json');
    await writeFile(file, JSON.stringify({ 'loc-1': { refreshToken: 'SECRET-rt' }, 'loc-2': 'SECRET-string', 'loc-3': { accessToken: 7 } }));
    for (const key of ['loc-1', 'loc-2', 'loc-3']) {
      const error = await rejection(new FileTokenStore({ path: file }).get(key));
      expect(error).toBeInstanceOf(GHLTokenStoreError);
      expect(error).toMatchObject({ operation: 'get', key });
      expect((error as Error).message).toMatch(/malformed/);
      expect(inspect(error, { depth: 10 })).not.toContain('SECRET');
    }
  });

  it('withLock runs fn under a per-key lock file next to the token file and removes it afterwards', async (context) => {
    const { expect } = context;
    const { file, store } = await setup(context);
    const s = store();
    await s.set('loc/1', FULL);
    const lockFile = `${file}.${encodeURIComponent('loc/1')}.lock`;
    const value = await s.withLock('loc/1', async () => {
      expect(existsSync(lockFile)).toBe(true);
      return 'done';
    });
    expect(value).toBe('done');
    expect(existsSync(lockFile)).toBe(false);
  });

  it('withLock works before the first write (the folder does not exist yet)', async (context) => {
    const { expect } = context;
    const { store } = await setup(context);
    await expect(store().withLock('loc-1', async () => 'locked')).resolves.toBe('locked');
  });

  it('withLock excludes concurrent callers of one key but not of another', async (context) => {
    const { expect } = context;
    const { store } = await setup(context);
    const s = store();
    let active = 0;
    let maxActive = 0;
    let counter = 0;
    const critical = async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      const seen = counter;
      await new Promise((resolve) => setTimeout(resolve, 2));
      counter = seen + 1;
      active -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, () => s.withLock('loc-1', critical)));
    expect(maxActive).toBe(1);
    expect(counter).toBe(10);

    // Different keys use different lock files: both are held at once.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holder = s.withLock('a', () => gate);
    const other = await s.withLock('b', async () => 'b ran while a was held');
    release();
    await holder;
    expect(other).toBe('b ran while a was held');
  });

  it('withLock propagates errors and releases the lock', async (context) => {
    const { expect } = context;
    const { file, store } = await setup(context);
    const s = store();
    const boom = new Error('boom');
    await expect(s.withLock('loc-1', async () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(s.withLock('loc-1', async () => 'again')).resolves.toBe('again');
    expect(existsSync(`${file}.loc-1.lock`)).toBe(false);
  });
});

// Sequential: these share the msw handlers.
describe('FileTokenStore under a GHLClient', () => {
  function tokenEndpoint(): { calls: number } {
    const seen = { calls: 0 };
    server.use(
      http.post('https://services.leadconnectorhq.com/oauth/token', () => {
        seen.calls += 1;
        return HttpResponse.json({ access_token: `at-new-${seen.calls}`, refresh_token: `rt-new-${seen.calls}`, expires_in: 86_399, locationId: 'loc-1', userType: 'Location' });
      }),
    );
    return seen;
  }
  const clientOver = (store: () => FileTokenStore) => new GHLClient({ locationId: 'loc-1', clientId: 'cid', clientSecret: 'cs', env: {}, tokenStore: store(), retry: false });

  it('a fresh install: exchangeCode saves into a file whose folder does not exist yet', async (context) => {
    const { file, store, readJson } = await setup(context);
    const endpoint = tokenEndpoint();
    const saved = await clientOver(store).oauth.exchangeCode('code-1');
    expect(saved.key).toBe('loc-1');
    expect(endpoint.calls).toBe(1);
    expect(await readJson()).toEqual({ 'loc-1': expect.objectContaining({ accessToken: 'at-new-1', refreshToken: 'rt-new-1', userType: 'Location' }) });
    expect(await mode(file)).toBe(0o600);
  });

  it('a refresh rotates the tokens in the file; a second client over the file reuses them without refreshing', async (context) => {
    const { folder, store, readJson } = await setup(context);
    await store().set('loc-1', { accessToken: 'at-old', refreshToken: 'rt-old', expiresAt: Date.now() - 1_000 });
    const endpoint = tokenEndpoint();
    await expect(clientOver(store).tokens.authHeaders()).resolves.toMatchObject({ Authorization: 'Bearer at-new-1' });
    expect(await readJson()).toEqual({ 'loc-1': expect.objectContaining({ accessToken: 'at-new-1', refreshToken: 'rt-new-1' }) });
    await expect(clientOver(store).tokens.authHeaders()).resolves.toMatchObject({ Authorization: 'Bearer at-new-1' });
    expect(endpoint.calls).toBe(1);
    expect(await tokenFolderFiles(folder)).toEqual(['tokens.json']);
  });
});

/** The part of `ghl-sdk/testing` used here, typed locally so this file compiles without it. */
interface VerifyKit {
  verifyTokenStore(store: TokenStore): Promise<{ ok: boolean; checks: Array<{ name: string; ok: boolean; skipped?: boolean; error?: string }> }>;
}

// The conformance kit from `ghl-sdk/testing`, when it is present in this tree.
const kitPath = new URL('../../src/testing/index.ts', import.meta.url);
if (existsSync(kitPath)) {
  describe('verifyTokenStore (ghl-sdk/testing)', () => {
    it('passes every check for FileTokenStore, withLock included', async (context) => {
      const { store, readJson } = await setup(context);
      const { verifyTokenStore } = (await import(kitPath.href)) as VerifyKit;
      const report = await verifyTokenStore(store());
      expect(report.checks.filter((check) => !check.ok)).toEqual([]);
      expect(report.checks.filter((check) => check.skipped)).toEqual([]);
      expect(report.ok).toBe(true);
      expect(await readJson()).toEqual({});
    });
  });
}
