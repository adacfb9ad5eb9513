import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GHLConfigError, GHLError, GHLTokenStoreError } from '../../src/errors.js';
import { tokenFingerprint } from '../../src/stores/env-seed.js';
import { EnvTokenStore } from '../../src/stores/env.js';

const LOC = 'loc-1';
const exists = (path: string) => access(path).then(() => true, () => false);

describe('EnvTokenStore (env object only)', () => {
  it('reads GHL_ACCESS_TOKEN / GHL_REFRESH_TOKEN / GHL_TOKEN_EXPIRES_AT in epoch ms, epoch seconds or ISO', async () => {
    const base = { GHL_LOCATION_ID: LOC, GHL_ACCESS_TOKEN: 'at-1', GHL_REFRESH_TOKEN: 'rt-1' };
    const ms = 1_767_225_600_000;
    for (const expires of [String(ms), String(ms / 1000), new Date(ms).toISOString()]) {
      const store = new EnvTokenStore({ env: { ...base, GHL_TOKEN_EXPIRES_AT: expires } });
      expect(await store.get(LOC)).toEqual({ accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: ms });
    }
    // Unparseable expiry is unknown (so: refresh), not a crash.
    expect(await new EnvTokenStore({ env: { ...base, GHL_TOKEN_EXPIRES_AT: 'soon' } }).get(LOC)).toEqual({ accessToken: 'at-1', refreshToken: 'rt-1' });
  });

  it('reads a refresh token alone (the original setup) as an expired empty access token, and nothing as null', async () => {
    expect(await new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-1' } }).get(LOC)).toEqual({ accessToken: '', refreshToken: 'rt-1' });
    expect(await new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: '  ' } }).get(LOC)).toBeNull();
  });

  it('writes refreshed tokens back into the env object, removing what the new set lacks', async () => {
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-1', GHL_TOKEN_EXPIRES_AT: '1' };
    const store = new EnvTokenStore({ env });
    await store.set(LOC, { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: 42 });
    // GHL_TOKEN_ROTATED: a process forked with this env knows rt-2 came from a rotation, not an operator.
    expect(env).toEqual({ GHL_LOCATION_ID: LOC, GHL_ACCESS_TOKEN: 'at-2', GHL_REFRESH_TOKEN: 'rt-2', GHL_TOKEN_EXPIRES_AT: '42', GHL_TOKEN_ROTATED: tokenFingerprint({ accessToken: 'at-2', refreshToken: 'rt-2' }) });
    await store.set(LOC, { accessToken: 'pit-1' });
    expect(env).toEqual({ GHL_LOCATION_ID: LOC, GHL_ACCESS_TOKEN: 'pit-1' });
    await store.delete(LOC);
    expect(env).toEqual({ GHL_LOCATION_ID: LOC });
  });

  it('holds one location: another key reads null, set throws GHLConfigError, delete is a no-op', async () => {
    const env = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-1' };
    const store = new EnvTokenStore({ env });
    expect(await store.get('other')).toBeNull();
    await expect(store.set('other', { accessToken: 'x' })).rejects.toBeInstanceOf(GHLConfigError);
    await store.delete('other');
    expect(env.GHL_REFRESH_TOKEN).toBe('rt-1');
  });

  it('is memory only: durable is false, and withLock just runs the function', async () => {
    const store = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC } });
    expect(store.durable).toBe(false);
    expect(await store.withLock(LOC, async () => 'ran')).toBe('ran');
  });
});

describe('EnvTokenStore({ envFile })', () => {
  let dir: string;
  let envFile: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ghl-env-'));
    envFile = join(dir, '.env');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is durable and reads the env object until the file exists or holds tokens', async () => {
    const store = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-seed' }, envFile });
    expect(store.durable).toBe(true);
    expect((await store.get(LOC))?.refreshToken).toBe('rt-seed');
    await writeFile(envFile, 'OTHER=1\nGHL_REFRESH_TOKEN=\n');
    expect((await store.get(LOC))?.refreshToken).toBe('rt-seed');
  });

  it('re-reads the file on every get, and file values win over the env seed', async () => {
    const store = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-seed', GHL_ACCESS_TOKEN: 'at-seed' }, envFile });
    await writeFile(envFile, 'GHL_REFRESH_TOKEN="rt-file"\n');
    expect(await store.get(LOC)).toEqual({ accessToken: '', refreshToken: 'rt-file' });
    await writeFile(envFile, 'GHL_REFRESH_TOKEN="rt-file-2"\nGHL_ACCESS_TOKEN=at-file\nGHL_TOKEN_EXPIRES_AT=2026-01-01T00:00:00Z\n');
    expect(await store.get(LOC)).toEqual({ accessToken: 'at-file', refreshToken: 'rt-file-2', expiresAt: Date.parse('2026-01-01T00:00:00Z') });
  });

  it('set rewrites the token variables in place (other lines untouched), appends missing ones, and updates the env object', async () => {
    const original = '# prod\r\nexport FOO=bar\r\n\r\nGHL_REFRESH_TOKEN=\'rt-seed\' # from the install\r\nQUOTED="a b"\r\n';
    await writeFile(envFile, original);
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-seed' };
    const store = new EnvTokenStore({ env, envFile });

    await store.set(LOC, { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: 1_767_225_600_000 });

    expect(await readFile(envFile, 'utf8')).toBe(
      `# prod\r\nexport FOO=bar\r\n\r\nGHL_REFRESH_TOKEN='rt-2' # from the install\r\nQUOTED="a b"\r\nGHL_ACCESS_TOKEN=at-2\r\nGHL_TOKEN_EXPIRES_AT=1767225600000\r\nGHL_TOKEN_ROTATED=${tokenFingerprint({ accessToken: 'at-2', refreshToken: 'rt-2' })}\r\n`,
    );
    expect(env).toMatchObject({ GHL_ACCESS_TOKEN: 'at-2', GHL_REFRESH_TOKEN: 'rt-2', GHL_TOKEN_EXPIRES_AT: '1767225600000' });
    expect(await store.get(LOC)).toEqual({ accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: 1_767_225_600_000 });
    // Only the .env itself is left: no temp file, no lock file.
    expect(await readdir(dir)).toEqual(['.env']);
  });

  it('creates the file (mode 0600) when it does not exist yet', async () => {
    const store = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC }, envFile });
    await store.set(LOC, { accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(await readFile(envFile, 'utf8')).toBe(`GHL_ACCESS_TOKEN=at-1\nGHL_REFRESH_TOKEN=rt-1\nGHL_TOKEN_ROTATED=${tokenFingerprint({ accessToken: 'at-1', refreshToken: 'rt-1' })}\n`);
  });

  it('two stores (two processes) on one file see each other\'s rotation', async () => {
    const a = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-seed' }, envFile });
    const b = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-seed' }, envFile });
    await a.set(LOC, { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: 5 });
    expect((await b.get(LOC))?.refreshToken).toBe('rt-2');
  });

  it('a file that cannot be written fails set with a GHLError and leaves the env object as it was', async () => {
    await writeFile(join(dir, 'not-a-folder'), '');
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: 'rt-seed' };
    const store = new EnvTokenStore({ env, envFile: join(dir, 'not-a-folder', '.env') });
    await expect(store.set(LOC, { accessToken: 'at-2', refreshToken: 'rt-2' })).rejects.toBeInstanceOf(GHLTokenStoreError);
    expect(env.GHL_REFRESH_TOKEN).toBe('rt-seed');
  });

  it('withLock holds a lock file next to the .env while the function runs; other keys run unlocked', async () => {
    const store = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC }, envFile });
    const held = await store.withLock(LOC, async () => exists(`${envFile}.lock`));
    expect(held).toBe(true);
    expect(await exists(`${envFile}.lock`)).toBe(false);
    expect(await store.withLock('other', async () => exists(`${envFile}.lock`))).toBe(false);
  });

  it('serialises two critical sections on the same file', async () => {
    const a = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC }, envFile, lock: { retryDelayMs: 1 } });
    const b = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC }, envFile, lock: { retryDelayMs: 1 } });
    const order: string[] = [];
    const section = (name: string) => async () => {
      order.push(`${name}:in`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`${name}:out`);
    };
    await Promise.all([a.withLock(LOC, section('a')), b.withLock(LOC, section('b'))]);
    expect([['a:in', 'a:out', 'b:in', 'b:out'].join(), ['b:in', 'b:out', 'a:in', 'a:out'].join()]).toContain(order.join());
  });

  it('delete blanks the token variables in the file and keeps every other line; a missing file stays missing', async () => {
    await writeFile(envFile, 'A=1\nGHL_ACCESS_TOKEN=at\nGHL_REFRESH_TOKEN=rt\n');
    const store = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC }, envFile });
    await store.delete(LOC);
    expect(await readFile(envFile, 'utf8')).toBe('A=1\nGHL_ACCESS_TOKEN=\nGHL_REFRESH_TOKEN=\n');
    expect(await store.get(LOC)).toBeNull();

    const missing = new EnvTokenStore({ env: { GHL_LOCATION_ID: LOC }, envFile: join(dir, 'none.env') });
    await missing.delete(LOC);
    expect(await exists(join(dir, 'none.env'))).toBe(false);
  });
});
