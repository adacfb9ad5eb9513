import { afterEach, describe, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import {
  GHLBadRequestError,
  GHLConnectionError,
  GHLDuplicateContactError,
  GHLReauthRequiredError,
  GHLValidationError,
} from '../../src/errors.js';
import type { GHLClientOptions } from '../../src/options.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { createGHLSimulator, type GHLSimulator, type GHLSimulatorOptions } from '../../src/testing/index.js';
import { simulatorClient } from '../helpers/simulator.js';

// End to end: the real client against the simulator, a real HTTP server on 127.0.0.1 with
// single-use rotating refresh tokens. These are the token behaviours the SDK exists for.

let sim: GHLSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function setup(simOptions: GHLSimulatorOptions = {}, clientOptions: GHLClientOptions = {}, tokens?: { expired?: boolean }) {
  return simulatorClient({ sim: simOptions, client: { retry: { retries: 3, minDelayMs: 5, maxDelayMs: 2_000 }, ...clientOptions }, tokens: tokens?.expired ? 'expired' : 'oauth' });
}

describe('tokens against the simulator', () => {
  it('1,000 concurrent calls on an expired token: one token request, the store ends with the rotated token', async () => {
    const { sim, ghl, store } = await setup({}, {}, { expired: true });
    const contact = sim.contacts.seed({ email: 'seed@example.com' });

    const results = await Promise.all(Array.from({ length: 1_000 }, () => ghl.contacts.get(contact.id)));

    expect(results.every((r) => r.id === contact.id)).toBe(true);
    expect(sim.stats.tokenRequests).toBe(1);
    expect(sim.stats.invalidGrants).toBe(0);
    expect(sim.stats.unauthorized).toBe(0);
    expect((await store.get(sim.locationId))?.refreshToken).toBe(sim.currentRefreshToken());
  });

  it("'always' refreshes before every call and never spends a refresh token twice", async () => {
    const { sim, ghl, store } = await setup({}, { refreshPolicy: 'always' });
    const contact = sim.contacts.seed({ email: 'seed@example.com' });
    for (let i = 0; i < 10; i += 1) await ghl.contacts.get(contact.id);
    await Promise.all(Array.from({ length: 300 }, () => ghl.contacts.get(contact.id)));
    expect(sim.stats.refreshGrants).toBeGreaterThanOrEqual(11);
    expect(sim.stats.invalidGrants).toBe(0);
    expect((await store.get(sim.locationId))?.refreshToken).toBe(sim.currentRefreshToken());
  });

  it('a 401 leads to one refresh and one replay, then success', async () => {
    const { sim, ghl, issued } = await setup();
    const contact = sim.contacts.seed({ email: 'seed@example.com' });
    sim.revokeAccessToken(issued.accessToken);
    await expect(ghl.contacts.get(contact.id)).resolves.toMatchObject({ id: contact.id });
    expect(sim.stats.unauthorized).toBe(1);
    expect(sim.stats.tokenRequests).toBe(1);
    expect(sim.stats.byRoute['GET /contacts/:contactId']).toBe(2);
  });

  it('a revoked refresh token gives GHLReauthRequiredError after a single token request', async () => {
    const { sim, ghl, issued } = await setup({}, {}, { expired: true });
    sim.revokeRefreshToken(issued.refreshToken);
    await expect(ghl.contacts.search()).rejects.toBeInstanceOf(GHLReauthRequiredError);
    expect(sim.stats.tokenRequests).toBe(1);
    expect(sim.stats.invalidGrants).toBe(1);
    expect(sim.stats.apiRequests).toBe(0);
  });

  it('a refresh whose answer is lost after GHL rotated the token is reported, not retried blindly into invalid_grant loops', async () => {
    const { sim, ghl } = await setup({}, {}, { expired: true });
    sim.injectFault({ route: 'POST /oauth/token', kind: 'dropAfterProcessing' });
    const error = await ghl.contacts.search().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLReauthRequiredError);
    expect((error as Error).message).toMatch(/may have reached GHL and spent this refresh token/);
    expect(sim.stats.tokenRequests).toBe(2);
  });
});

describe('HTTP behaviour against the simulator', () => {
  it('429 with Retry-After: 1 waits about a second, then succeeds', async () => {
    const { sim, ghl } = await setup();
    sim.injectFault({ route: 'POST /contacts/search', kind: 'rateLimit', retryAfterSeconds: 1 });
    const started = performance.now();
    await expect(ghl.contacts.search()).resolves.toMatchObject({ total: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.stats.rateLimited).toBe(1);
    expect(sim.stats.byRoute['POST /contacts/search']).toBe(2);
  });

  it("paces to the simulator's real rate window (GHL never has to answer 429) and exposes the X-RateLimit-* snapshot", async () => {
    const { sim, ghl } = await setup({ rateLimit: { max: 3, intervalMs: 500 } });
    expect(ghl.rateLimit).toBeUndefined();
    for (let i = 0; i < 4; i += 1) await ghl.contacts.search();
    expect(sim.stats.rateLimited).toBe(0);
    expect(ghl.rateLimit).toMatchObject({ max: 3, intervalMs: 500 });
  });

  it('a create whose connection drops after GHL processed it never yields two contacts', async () => {
    const { sim, ghl } = await setup();
    sim.injectFault({ route: 'POST /contacts/', kind: 'dropAfterProcessing' });
    const error = await ghl.contacts.create({ email: 'once@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect((error as Error).message).toMatch(/not replayed/);
    expect(sim.stats.byRoute['POST /contacts/']).toBe(1);
    expect(sim.contacts.list().filter((c) => c.email === 'once@example.com')).toHaveLength(1);

    // The retry-safe way to finish the job: upsert finds the contact the lost create made.
    const { created } = await ghl.contacts.upsert({ email: 'once@example.com', firstName: 'Once' });
    expect(created).toBe(false);
    expect(sim.contacts.list().filter((c) => c.email === 'once@example.com')).toHaveLength(1);
  });

  it('a create dropped before GHL processed it is not replayed either (the client cannot tell)', async () => {
    const { sim, ghl } = await setup();
    sim.injectFault({ route: 'POST /contacts/', kind: 'drop' });
    await expect(ghl.contacts.create({ email: 'x@example.com' })).rejects.toBeInstanceOf(GHLConnectionError);
    expect(sim.stats.byRoute['POST /contacts/']).toBe(1);
  });

  it('idempotent calls are retried through 5xx and dropped connections', async () => {
    const { sim, ghl } = await setup();
    sim.injectFault({ route: 'POST /contacts/search', kind: 'status', status: 503 });
    sim.injectFault({ route: 'POST /contacts/search', kind: 'drop' });
    await expect(ghl.contacts.search()).resolves.toMatchObject({ contacts: [] });
    expect(sim.stats.byRoute['POST /contacts/search']).toBe(3);
  });

  it('invalid input is a GHLValidationError naming the field, and nothing is sent', async () => {
    const { sim, ghl } = await setup();
    const error = await ghl.contacts.create({ email: 'not-an-email', tags: ['ok'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toEqual(['email']);
    await expect(ghl.contacts.update('c1', { locationId: 'x' } as never)).rejects.toThrow(/locationId unknown field/);
    expect(sim.stats.apiRequests).toBe(0);
    expect(sim.stats.tokenRequests).toBe(0);
  });

  it('a duplicate create is a GHLDuplicateContactError carrying the existing contact id', async () => {
    const { sim, ghl } = await setup();
    const existing = sim.contacts.seed({ email: 'dup@example.com' });
    const error = await ghl.contacts.create({ email: 'DUP@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLDuplicateContactError);
    expect((error as GHLDuplicateContactError).existingContactId).toBe(existing.id);
  });

  it('the simulator enforces the Version header the SDK sends', async () => {
    const { sim, ghl } = await setup({}, { apiVersion: '2021-04-15' });
    const error = await ghl.request({ method: 'POST', path: '/contacts/search', body: { locationId: sim.locationId } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLBadRequestError);
    expect((error as Error).message).toMatch(/version/i);
  });

  it('sync.user is idempotent end to end', async () => {
    const { sim, ghl } = await setup();
    const user = { email: 'grace@example.com', name: 'Grace Brewster Hopper', phone: '+15550001', tags: ['beta'] };
    const first = await ghl.sync.user(user, { syncType: 'full_account' });
    const second = await ghl.sync.user(user, { syncType: 'full_account' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.contact.id).toBe(first.contact.id);
    expect(new Set(second.contact.tags)).toEqual(new Set(['app-user', 'beta']));
    const stored = sim.contacts.list().filter((c) => c.email === 'grace@example.com');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ firstName: 'Grace', lastName: 'Brewster Hopper' });
  });

  it('exchangeCode saves tokens that then serve API calls', async () => {
    sim = await createGHLSimulator({ rateLimit: false });
    const store = new MemoryTokenStore();
    const ghl = new GHLClient({ locationId: sim.locationId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {} });
    const tokens = await ghl.oauth.exchangeCode(sim.issueAuthorizationCode());
    expect(tokens.key).toBe(sim.locationId);
    expect((await store.get(sim.locationId))?.refreshToken).toBe(sim.currentRefreshToken());
    await expect(ghl.selfTest()).resolves.toMatchObject({ ok: true });
    expect(sim.stats.invalidGrants).toBe(0);
  });
});
