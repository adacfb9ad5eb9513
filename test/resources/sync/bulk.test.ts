import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GHLClient, GHLConfigError, GHLReauthRequiredError, GHLSyncInterruptedError, GHLValidationError, MemoryTokenStore, type AppUser, type BulkSyncProgress } from '../../../src/index.js';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';

// A window small enough to keep the test fast and large enough to be hit: 2 requests per user.
const WINDOW = { max: 40, intervalMs: 200 };

let sim: GHLSimulator;
let dir: string;
beforeEach(async () => {
  sim = await createGHLSimulator({ rateLimit: WINDOW });
  dir = await mkdtemp(join(tmpdir(), 'ghl-bulk-'));
});
afterEach(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

function client(tokens = sim.issueTokens()): GHLClient {
  return new GHLClient({
    locationId: sim.locationId,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    baseUrl: sim.url,
    tokenStore: new MemoryTokenStore({ [sim.locationId]: tokens }),
    env: {},
    rateLimit: { window: WINDOW },
    retry: { retries: 2, minDelayMs: 5, maxDelayMs: 2_000 },
  });
}

const users = (n: number, from = 0): AppUser[] => Array.from({ length: n }, (_, i) => ({ email: `user${from + i}@example.com`, name: `User ${from + i}` }));

async function* stream(rows: AppUser[]): AsyncGenerator<AppUser> {
  for (const row of rows) yield row;
}

function emailsInSim(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const contact of sim.contacts.list()) counts.set(contact.email ?? '', (counts.get(contact.email ?? '') ?? 0) + 1);
  return counts;
}

describe('sync.users', () => {
  it('syncs an array under the window: every user once, tagged, 0 responses 429, progress to the end', async () => {
    const ghl = client();
    const seen: BulkSyncProgress[] = [];
    const report = await ghl.sync.users(users(20), { tags: ['imported'], onProgress: (p) => seen.push(p) });

    expect(report).toMatchObject({ total: 20, created: 20, updated: 0, failed: [], skipped: 0, dryRun: false, rateLimited: 0 });
    expect(sim.stats.rateLimited).toBe(0);
    expect(sim.stats.byRoute['POST /contacts/upsert']).toBe(20);
    const counts = emailsInSim();
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(sim.contacts.list().every((c) => c.tags.includes('imported'))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ done: 20, total: 20, created: 20, failed: 0, etaMs: 0 });
    expect(seen.map((p) => p.done)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 20]);
  });

  it('reads an async iterable as it goes; a second run updates the same contacts and duplicates none', async () => {
    const ghl = client();
    let pulled = 0;
    async function* counted(): AsyncGenerator<AppUser> {
      for (const user of users(30)) {
        pulled++;
        yield user;
      }
    }
    const inFlightAtMost: number[] = [];
    const first = await ghl.sync.users(counted(), { concurrency: 3, onProgress: (p) => inFlightAtMost.push(pulled - p.done) });
    expect(first).toMatchObject({ total: 30, created: 30, updated: 0 });
    // Rows are pulled as workers free up: never more than `concurrency` ahead of what is done.
    expect(Math.max(...inFlightAtMost)).toBeLessThanOrEqual(3);

    const second = await ghl.sync.users(stream(users(30)));
    expect(second).toMatchObject({ total: 30, created: 0, updated: 30 });
    expect(emailsInSim().size).toBe(30);
    expect(sim.contacts.list()).toHaveLength(30);
  });

  it('sends the good rows and reports each bad one by row and field', async () => {
    const ghl = client();
    const rows: AppUser[] = users(6);
    rows[2] = { email: 'not-an-email' };
    rows[4] = { email: 'ok@example.com', tags: [''] };
    const report = await ghl.sync.users(rows);

    expect(report.created).toBe(4);
    expect(report.failed.map((f) => f.index)).toEqual([2, 4]);
    expect(report.failed[0]?.error).toBeInstanceOf(GHLValidationError);
    expect((report.failed[0]?.error as GHLValidationError).issues).toEqual([expect.objectContaining({ path: 'email' })]);
    expect((report.failed[1]?.error as GHLValidationError).issues).toEqual([expect.objectContaining({ path: 'tags.0' })]);
    expect(report.failed[0]?.input).toEqual({ email: 'not-an-email' });
    expect(sim.contacts.list()).toHaveLength(4);
  });

  it('dryRun validates every row and sends nothing', async () => {
    const ghl = client();
    const rows: AppUser[] = [...users(3), { email: 'bad' }];
    const report = await ghl.sync.users(rows, { dryRun: true, checkpoint: join(dir, 'cp.json') });
    expect(report).toMatchObject({ dryRun: true, valid: 3, created: 0, updated: 0, total: 4 });
    expect(report.failed.map((f) => f.index)).toEqual([3]);
    expect(sim.stats.apiRequests).toBe(0);
    await expect(readFile(join(dir, 'cp.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects bad options before sending anything, naming the option', async () => {
    const ghl = client();
    await expect(ghl.sync.users(users(2), { concurrency: 0 })).rejects.toMatchObject({ name: 'GHLValidationError', issues: [expect.objectContaining({ path: 'concurrency' })] });
    await expect(ghl.sync.users(users(2), { tags: [''] })).rejects.toBeInstanceOf(GHLValidationError);
    await expect(ghl.sync.users({ email: 'a@example.com' } as never)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'users' })] });
    expect(sim.stats.apiRequests).toBe(0);
  });

  it('an abort stops the run and saves the checkpoint; the re-run skips what is done and ends with the same totals', async () => {
    const ghl = client();
    const checkpoint = join(dir, 'cp.json');
    const stop = new AbortController();
    const error = await ghl.sync
      .users(users(40), { checkpoint, checkpointEvery: 5, signal: stop.signal, onProgress: (p) => p.done === 15 && stop.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLSyncInterruptedError);
    const partial = (error as GHLSyncInterruptedError).report;
    expect(partial.created).toBeGreaterThanOrEqual(15);
    expect(partial.created).toBeLessThan(40);
    const saved = JSON.parse(await readFile(checkpoint, 'utf8')) as { doneBelow: number; doneAbove: number[]; complete: boolean };
    expect(saved.complete).toBe(false);
    // Rows finish out of order: a watermark plus the few done above it.
    expect(saved.doneBelow + saved.doneAbove.length).toBe(partial.created);

    const resumed = await ghl.sync.users(users(40), { checkpoint });
    expect(resumed).toMatchObject({ total: 40, created: 40, updated: 0, failed: [] });
    expect(resumed.skipped).toBeGreaterThanOrEqual(15);
    expect(sim.contacts.list()).toHaveLength(40);
    expect([...emailsInSim().values()].every((n) => n === 1)).toBe(true);

    // A finished run re-run with its checkpoint sends nothing and reports the same totals.
    const upserts = sim.stats.byRoute['POST /contacts/upsert'];
    const again = await ghl.sync.users(users(40), { checkpoint });
    expect(again).toMatchObject({ total: 40, created: 40, updated: 0, skipped: 40 });
    expect(sim.stats.byRoute['POST /contacts/upsert']).toBe(upserts);
  });

  it('keeps failed rows in the checkpoint, so a resumed run reports them too', async () => {
    const ghl = client();
    const checkpoint = join(dir, 'cp.json');
    const rows = [...users(3), { email: 'broken' }];
    await ghl.sync.users(rows, { checkpoint });
    const again = await ghl.sync.users(rows, { checkpoint });
    expect(again.failed).toEqual([expect.objectContaining({ index: 3, input: { email: 'broken' } })]);
    expect((again.failed[0]?.error as GHLValidationError).issues[0]?.path).toBe('email');
  });

  it('refuses a checkpoint written for another input', async () => {
    const ghl = client();
    const checkpoint = join(dir, 'cp.json');
    await ghl.sync.users(users(2), { checkpoint });
    const error = await ghl.sync.users(users(2, 100), { checkpoint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLSyncInterruptedError);
    expect((error as Error).cause).toBeInstanceOf(GHLConfigError);
    expect(sim.contacts.list()).toHaveLength(2);
  });

  it('stops at a fatal error (re-authorization needed) instead of failing every row, checkpoint saved', async () => {
    const issued = sim.issueTokens({ accessTokenTtlMs: 0 });
    sim.revokeRefreshToken(issued.refreshToken);
    const ghl = client({ ...issued, expiresAt: Date.now() - 1 });
    const checkpoint = join(dir, 'cp.json');
    const error = await ghl.sync.users(users(20), { checkpoint }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLSyncInterruptedError);
    expect((error as Error).cause).toBeInstanceOf(GHLReauthRequiredError);
    expect((error as GHLSyncInterruptedError).report.failed).toEqual([]);
    expect(JSON.parse(await readFile(checkpoint, 'utf8'))).toMatchObject({ doneBelow: 0, complete: false });
  });
});

describe('sync.newsletter, bulk form', () => {
  it('takes an iterable of subscribers and tags each one', async () => {
    const ghl = client();
    const subscribers = new Set([{ email: 'a@example.com' }, { email: 'b@example.com', tags: ['vip'] }]);
    const report = await ghl.sync.newsletter(subscribers, { tag: 'weekly' });
    expect(report).toMatchObject({ total: 2, created: 2, failed: [] });
    expect(sim.contacts.list().map((c) => c.tags.sort()).sort()).toEqual([['vip', 'weekly'], ['weekly']]);
    // The single form is unchanged.
    await expect(ghl.sync.newsletter({ email: 'c@example.com' })).resolves.toMatchObject({ created: true });
  });
});
