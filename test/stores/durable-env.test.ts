import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenSet } from '../../src/auth/token-set.js';
import { GHLConfigError, GHLError, GHLTokenStoreError } from '../../src/errors.js';
import { DEFAULT_TOKEN_FILE, DurableEnvTokenStore, type DurableEnvTokenStoreOptions } from '../../src/stores/durable-env.js';
import { parseDotenv } from '../../src/stores/dotenv-file.js';
import { tokenFingerprint } from '../../src/stores/env-seed.js';
import { FileTokenStore } from '../../src/stores/file.js';
import { verifyTokenStore } from '../../src/testing/index.js';

const LOC = 'loc-1';
const SEED = 'rt-seed-0123456789';
const ROTATED: TokenSet = { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1_767_225_600_000 };
const exists = (path: string) => access(path).then(() => true, () => false);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghl-durable-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A store as a freshly started process would build it: the deployment's env, the same folder. */
function start(env: Record<string, string | undefined> = {}, options: DurableEnvTokenStoreOptions = {}) {
  return new DurableEnvTokenStore({ env: { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: SEED, ...env }, cwd: dir, ...options });
}

async function json(path: string): Promise<Record<string, Record<string, unknown>>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, Record<string, unknown>>;
}

describe('DurableEnvTokenStore: where it keeps tokens', () => {
  it('defaults to .ghl/tokens.json under cwd; GHL_TOKEN_FILE moves it; GHL_ENV_FILE (or envFile) switches to the dotenv file', () => {
    expect(start().path).toBe(join(dir, DEFAULT_TOKEN_FILE));
    expect(start().kind).toBe('tokenFile');
    expect(start({ GHL_TOKEN_FILE: 'state/ghl.json' }).path).toBe(join(dir, 'state/ghl.json'));
    expect(start({}, { tokenFile: '/abs/t.json' }).path).toBe('/abs/t.json');
    const envFile = start({ GHL_ENV_FILE: '.env', GHL_TOKEN_FILE: 'ignored.json' });
    expect([envFile.kind, envFile.path]).toEqual(['envFile', join(dir, '.env')]);
    expect(start({}, { envFile: 'x.env', tokenFile: 't.json' }).kind).toBe('envFile');
  });

  it('reads the env seed while no durable copy exists, without creating anything', async () => {
    const store = start();
    expect(await store.get(LOC)).toEqual({ accessToken: '', refreshToken: SEED });
    expect(await exists(join(dir, '.ghl'))).toBe(false);
    expect(store.durable).toBe(true);
  });

  it('saves a rotation to the JSON file with the seed fingerprint (never the seed), a 0700 folder with a .gitignore, and mirrors it into env', async () => {
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: SEED };
    const store = new DurableEnvTokenStore({ env, cwd: dir });
    await store.set(LOC, ROTATED);

    const path = join(dir, DEFAULT_TOKEN_FILE);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(SEED);
    const seed = tokenFingerprint({ accessToken: '', refreshToken: SEED });
    expect((await json(path))[LOC]).toEqual({ ...ROTATED, spentFingerprints: [seed], seedFingerprints: [seed] });
    expect(await readFile(join(dir, '.ghl/.gitignore'), 'utf8')).toBe('*\n');
    expect(env).toMatchObject({ GHL_ACCESS_TOKEN: 'at-1', GHL_REFRESH_TOKEN: 'rt-1', GHL_TOKEN_EXPIRES_AT: String(ROTATED.expiresAt), GHL_TOKEN_ROTATED: tokenFingerprint(ROTATED) });
    // A plain FileTokenStore on the same file reads the same tokens (the extra field is ignored by the client).
    expect(await new FileTokenStore({ path }).get(LOC)).toMatchObject(ROTATED);
  });
});

describe('DurableEnvTokenStore: env seed vs durable copy', () => {
  it('restart with the same (spent) env seed: the durable copy wins', async () => {
    await start().set(LOC, ROTATED);
    expect(await start().get(LOC)).toEqual(ROTATED);
  });

  it('an operator puts a brand-new refresh token into env after a re-install: the env seed wins over the stale copy', async () => {
    await start().set(LOC, ROTATED);
    const reinstalled = start({ GHL_REFRESH_TOKEN: 'rt-NEW-install' });
    expect(await reinstalled.get(LOC)).toEqual({ accessToken: '', refreshToken: 'rt-NEW-install' });

    // Its first rotation absorbs the new seed: from then on the copy wins for it too...
    await reinstalled.set(LOC, { accessToken: 'at-N1', refreshToken: 'rt-N1', expiresAt: 9 });
    expect((await start({ GHL_REFRESH_TOKEN: 'rt-NEW-install' }).get(LOC))?.refreshToken).toBe('rt-N1');
    // ...and for a process still configured with the old seed (it was absorbed earlier), never the old chain.
    expect((await start().get(LOC))?.refreshToken).toBe('rt-N1');
  });

  it('the decision is made on every read: a re-seeded process sees another process save the new chain', async () => {
    await start().set(LOC, ROTATED);
    const a = start({ GHL_REFRESH_TOKEN: 'rt-NEW' });
    const b = start({ GHL_REFRESH_TOKEN: 'rt-NEW' });
    expect((await a.get(LOC))?.refreshToken).toBe('rt-NEW');
    await b.set(LOC, { accessToken: 'at-b', refreshToken: 'rt-b', expiresAt: 9 });
    // a would otherwise spend rt-NEW a second time.
    expect((await a.get(LOC))?.refreshToken).toBe('rt-b');
  });

  it('a copy without seed history (written by a plain FileTokenStore sharing the file) wins', async () => {
    await new FileTokenStore({ path: join(dir, DEFAULT_TOKEN_FILE) }).set(LOC, ROTATED);
    expect(await start({ GHL_REFRESH_TOKEN: 'rt-anything' }).get(LOC)).toEqual(ROTATED);
  });

  it('a copy holding the same refresh token as the env wins (it may know the access token too)', async () => {
    await new FileTokenStore({ path: join(dir, DEFAULT_TOKEN_FILE) }).set(LOC, { ...ROTATED, refreshToken: SEED });
    expect(await start().get(LOC)).toEqual({ ...ROTATED, refreshToken: SEED });
  });

  it('with no env seed at all (tokens from the OAuth flow) the copy is used', async () => {
    await start().set(LOC, ROTATED);
    expect(await start({ GHL_REFRESH_TOKEN: undefined }).get(LOC)).toEqual(ROTATED);
  });

  it('delete forgets both the copy and the env seed', async () => {
    const store = start();
    await store.set(LOC, ROTATED);
    await store.delete(LOC);
    expect(await store.get(LOC)).toBeNull();
    expect((await json(join(dir, DEFAULT_TOKEN_FILE)))[LOC]).toBeUndefined();
  });
});

describe('DurableEnvTokenStore: a spent refresh token is never taken for a new seed', () => {
  const chain = (n: number): TokenSet => ({ accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt: 1_767_225_600_000 + n });

  it('a process whose env was loaded from the .env mid-chain (rt-1, while the file is at rt-2) reads the file, not the spent rt-1', async () => {
    const envFile = join(dir, '.env');
    await writeFile(envFile, `GHL_LOCATION_ID=${LOC}\nGHL_REFRESH_TOKEN=${SEED}\n`);
    const a = start({ GHL_ENV_FILE: envFile });
    await a.set(LOC, chain(1));
    // What dotenv / `node --env-file` hands a process started now:
    const loadedNow = Object.fromEntries(parseDotenv(await readFile(envFile, 'utf8')));
    await a.set(LOC, chain(2));

    const b = new DurableEnvTokenStore({ env: { ...loadedNow, GHL_ENV_FILE: envFile }, cwd: dir });
    expect((await b.get(LOC))?.refreshToken).toBe('rt-2');
  });

  it('a forked process inheriting process.env (into which rotations are mirrored) reads the copy, not the spent mirrored token', async () => {
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: SEED };
    const parent = new DurableEnvTokenStore({ env, cwd: dir });
    await parent.get(LOC);
    await parent.set(LOC, chain(1));
    const inherited = { ...env };
    await parent.set(LOC, chain(2));

    const child = new DurableEnvTokenStore({ env: inherited, cwd: dir });
    expect((await child.get(LOC))?.refreshToken).toBe('rt-2');
    // A second store in the parent itself (another fromEnv()) sees the mirrored rt-2: the copy, same token.
    expect((await new DurableEnvTokenStore({ env, cwd: dir }).get(LOC))?.refreshToken).toBe('rt-2');
  });

  it('the copy remembers every refresh token it replaced: an env holding any earlier one (copied by hand, no marker) loses', async () => {
    const a = start();
    for (let n = 1; n <= 12; n++) await a.set(LOC, chain(n));
    for (const old of [1, 2, 7, 11]) {
      expect((await start({ GHL_REFRESH_TOKEN: `rt-${old}` }).get(LOC))?.refreshToken).toBe('rt-12');
    }
    // A token the chain never had is an operator's re-seed, and still wins.
    expect((await start({ GHL_REFRESH_TOKEN: 'rt-reinstalled' }).get(LOC))?.refreshToken).toBe('rt-reinstalled');
  });

  it('an operator who pastes a new refresh token over a rotated one in the .env is still seen as re-seeding', async () => {
    const envFile = join(dir, '.env');
    await writeFile(envFile, `GHL_LOCATION_ID=${LOC}\nGHL_REFRESH_TOKEN=${SEED}\n`);
    await start({ GHL_ENV_FILE: envFile }).set(LOC, chain(1));
    const edited = (await readFile(envFile, 'utf8')).replace('GHL_REFRESH_TOKEN=rt-1', 'GHL_REFRESH_TOKEN=rt-pasted');
    await writeFile(envFile, edited);
    // Another process still running on what it loaded before the edit rotates rt-1 once more.
    const loaded = Object.fromEntries(parseDotenv(edited));
    expect((await new DurableEnvTokenStore({ env: { ...loaded, GHL_ENV_FILE: envFile }, cwd: dir }).get(LOC))?.refreshToken).toBe('rt-pasted');
  });

  // The rotation history is trimmed to its newest 100; the operator's seed must outlive any number of
  // rotations made while no process holding it writes (a replica on refreshPolicy 'always' makes 100 in seconds).
  it.each(['tokenFile', 'envFile'] as const)('the operator seed stays spent however many rotations follow (%s): the process started from it and a restart with it read the copy', async (kind) => {
    const envFile = join(dir, '.env');
    const deployment = kind === 'envFile' ? { GHL_ENV_FILE: envFile } : {};
    if (kind === 'envFile') await writeFile(envFile, `GHL_LOCATION_ID=${LOC}\nGHL_REFRESH_TOKEN=${SEED}\n`);
    const env: Record<string, string | undefined> = { GHL_LOCATION_ID: LOC, GHL_REFRESH_TOKEN: SEED, ...deployment };
    const first = new DurableEnvTokenStore({ env, cwd: dir });
    await first.set(LOC, chain(1));
    // A replica forked from it (its env carries the rotation marker) makes every later rotation.
    const replica = new DurableEnvTokenStore({ env: { ...env }, cwd: dir });
    for (let n = 2; n <= 120; n++) await replica.set(LOC, chain(n));

    expect((await first.get(LOC))?.refreshToken).toBe('rt-120');
    expect((await start(deployment).get(LOC))?.refreshToken).toBe('rt-120');
    // A token the chain never had is still an operator's re-seed.
    expect((await start({ ...deployment, GHL_REFRESH_TOKEN: 'rt-reinstalled' }).get(LOC))?.refreshToken).toBe('rt-reinstalled');
  });
});

describe('DurableEnvTokenStore with GHL_ENV_FILE', () => {
  const ORIGINAL = `# deployment config\nexport NODE_ENV=production\n\nGHL_LOCATION_ID=${LOC}\nGHL_REFRESH_TOKEN="${SEED}" # from the install\nAPP_SECRET='s # not a comment'\n`;

  it('rewrites the token lines (and GHL_TOKEN_ROTATED, GHL_TOKEN_SPENT, GHL_TOKEN_SEEDS) in the .env, keeps the rest byte-for-byte, and a restart with the stale env reads it', async () => {
    const envFile = join(dir, '.env');
    await writeFile(envFile, ORIGINAL);
    await start({ GHL_ENV_FILE: envFile }).set(LOC, ROTATED);

    const spent = tokenFingerprint({ accessToken: '', refreshToken: SEED });
    expect(await readFile(envFile, 'utf8')).toBe(
      ORIGINAL.replace(`"${SEED}"`, '"rt-1"') +
        `GHL_ACCESS_TOKEN=at-1\nGHL_TOKEN_EXPIRES_AT=${ROTATED.expiresAt}\nGHL_TOKEN_ROTATED=${tokenFingerprint(ROTATED)}\nGHL_TOKEN_SPENT=${spent}\nGHL_TOKEN_SEEDS=${spent}\n`,
    );
    expect(await start({ GHL_ENV_FILE: envFile }).get(LOC)).toEqual(ROTATED);
    // A new seed in env wins over the file's chain; a hand-edited file without history wins over env.
    expect((await start({ GHL_ENV_FILE: envFile, GHL_REFRESH_TOKEN: 'rt-NEW' }).get(LOC))?.refreshToken).toBe('rt-NEW');
    await writeFile(envFile, 'GHL_REFRESH_TOKEN=rt-hand-edited\n');
    expect((await start({ GHL_ENV_FILE: envFile }).get(LOC))?.refreshToken).toBe('rt-hand-edited');
  });

  it('holds one location: another key reads null and cannot be set', async () => {
    const store = start({ GHL_ENV_FILE: join(dir, '.env') });
    expect(await store.get('other')).toBeNull();
    await expect(store.set('other', ROTATED)).rejects.toBeInstanceOf(GHLConfigError);
  });
});

describe('DurableEnvTokenStore: several locations and servers in one JSON file', () => {
  it('keeps other locations (from ghl.location(id) or the OAuth flow) in the JSON file, without seed history', async () => {
    const store = start();
    await store.set('loc-2', ROTATED);
    expect(await store.get('loc-2')).toEqual(ROTATED);
    expect((await json(join(dir, DEFAULT_TOKEN_FILE)))['loc-2']).toEqual(ROTATED);
  });

  it('passes the TokenStore conformance kit (verifyTokenStore) for those keys', async () => {
    const report = await verifyTokenStore(start({}, { lock: { retryDelayMs: 1 } }));
    expect(report.checks.filter((check) => !check.ok)).toEqual([]);
    expect(report.checks.filter((check) => check.skipped)).toEqual([]);
  });

  it("keeps a non-production server's tokens under <key>@<baseUrl>, so simulators never swap chains with GHL or each other", async () => {
    const [a, b] = [await listening(), await listening()];
    try {
      const prod = start();
      const simA = start({ GHL_BASE_URL: `${a.url}/` });
      const simB = start({}, { issuer: b.url });
      await prod.set(LOC, ROTATED);
      await simA.set(LOC, { accessToken: 'at-a', refreshToken: 'rt-a', expiresAt: 1 });
      await simB.set(LOC, { accessToken: 'at-b', refreshToken: 'rt-b', expiresAt: 1 });
      expect(Object.keys(await json(join(dir, DEFAULT_TOKEN_FILE))).sort()).toEqual([LOC, `${LOC}@${a.url}`, `${LOC}@${b.url}`].sort());
      expect((await prod.get(LOC))?.refreshToken).toBe('rt-1');
      expect((await simA.get(LOC))?.refreshToken).toBe('rt-a');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('writing a simulator’s tokens drops those of simulators that are gone, and nothing else', async () => {
    const running = await listening();
    const gone = await listening();
    await gone.close();
    try {
      await start().set(LOC, ROTATED);
      await start({}, { issuer: 'https://sandbox.example.com' }).set(LOC, ROTATED);
      await start({}, { issuer: gone.url }).set(LOC, ROTATED);
      await start({}, { issuer: gone.url }).set('loc-2', ROTATED);
      await start({}, { issuer: running.url }).set(LOC, ROTATED);
      expect(Object.keys(await json(join(dir, DEFAULT_TOKEN_FILE))).sort()).toEqual([LOC, `${LOC}@https://sandbox.example.com`, `${LOC}@${running.url}`].sort());
    } finally {
      await running.close();
    }
  });
});

/** A TCP server on 127.0.0.1 standing in for a running simulator. */
async function listening(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('DurableEnvTokenStore: a durable location that cannot be written', () => {
  async function unwritable() {
    await writeFile(join(dir, 'a-file'), '');
    return start({ GHL_TOKEN_FILE: join(dir, 'a-file', 'sub', 'tokens.json') });
  }

  it('keeps rotations in memory, turns durable false with the reason, and serves the newest tokens', async () => {
    const store = await unwritable();
    const ran = await store.withLock(LOC, async () => {
      await store.set(LOC, ROTATED);
      return true;
    });
    expect(ran).toBe(true);
    expect(store.durable).toBe(false);
    expect(store.memoryOnlyReason).toMatch(/cannot write .*a-file\/sub\/tokens\.json/);
    expect(store.memoryOnlyReason).not.toContain('rt-1');
    expect(await store.get(LOC)).toEqual(ROTATED);
  });

  it('a corrupt token file is not "unwritable": it fails loudly and is never overwritten', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{ not json');
    const store = start({ GHL_TOKEN_FILE: path });
    await expect(store.get(LOC)).rejects.toBeInstanceOf(GHLTokenStoreError);
    await expect(store.set(LOC, ROTATED)).rejects.toBeInstanceOf(GHLTokenStoreError);
    expect(await readFile(path, 'utf8')).toBe('{ not json');
    expect(store.durable).toBe(true);
  });
});
