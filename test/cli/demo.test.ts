import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, savedTokens, simulator, tempDir } from './helpers.js';

/** The simulator's tokens are JWT-shaped; none may ever be printed. */
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

describe('ghl demo', () => {
  it('tells the story against the embedded simulator: several expiries, one 401, zero invalid_grant', async () => {
    const run = await cli(['demo']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const call of ['contacts.create', 'contacts.upsert', 'sync.user', 'sync.newsletter', 'contacts.addTags', 'contacts.search', 'contacts.get', 'opportunities.pipelines.list', 'opportunities.create', 'opportunities.update']) {
      expect(run.stdout).toContain(`▸ ${call}(`);
    }
    expect(run.stdout).toMatch(/moved to stage "Contacted" \(from "New Lead"\)/);
    expect(run.stdout).toMatch(/↻ refresh token rotated #[0-9a-f]{8} → #[0-9a-f]{8}, saved before use/);
    expect(run.stdout).toContain('POST /contacts/search → 401');
    expect(run.stdout).toMatch(/invalid_grant\s+0\n/);
    expect(run.stdout).toMatch(/store in sync\s+yes/);
    expect(run.stdout).not.toMatch(JWT);
  });

  it('prints one JSON object under --json', async () => {
    const run = await cli(['demo', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      ok: true,
      mode: 'simulator',
      locationId: 'sim-location',
      storeInSync: true,
      simulatedMs: 7_500,
      totals: { apiCalls: 13, tokenRequests: 4, refreshes: 4, invalidGrants: 0, unauthorized: 1 },
    });
    expect(result.steps.map((step: { call: string }) => step.call)).toEqual([
      'contacts.create',
      'contacts.upsert',
      'sync.user',
      'sync.newsletter',
      'contacts.addTags',
      'contacts.search',
      'contacts.get',
      'opportunities.pipelines.list',
      'opportunities.create',
      'opportunities.update',
    ]);
    const search = result.steps[5];
    expect(search.events.map((event: { kind: string; status?: number }) => `${event.kind}${event.status ? ` ${event.status}` : ''}`)).toEqual([
      'http 401',
      'http 200',
      'rotation',
      'http 200',
    ]);
    expect(run.stdout).not.toMatch(JWT);
  });

  it('--live names the missing variables and exits 2', async () => {
    const run = await cli(['demo', '--live']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Missing GHL configuration: GHL_LOCATION_ID, GHL_CLIENT_ID, GHL_CLIENT_SECRET, GHL_REFRESH_TOKEN/);
  });

  it('--live runs the same story on whatever GHL the env points at, saving rotations to the token file', async () => {
    const sim = await simulator();
    const cwd = await tempDir();
    const run = await cli(['demo', '--live', '--json'], { env: oauthEnv(sim, { accessTokenTtlMs: 0 }), cwd });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, mode: 'live', baseUrl: sim.url, totals: { tokenRequests: 1, refreshes: 1, invalidGrants: 0 } });
    expect(result.storeInSync).toBeUndefined();
    expect((await savedTokens(sim, join(cwd, '.ghl', 'tokens.json')))?.['refreshToken']).toBe(sim.currentRefreshToken());
    expect(sim.contacts.list().every((contact) => contact.tags.includes('ghl-sdk-demo'))).toBe(true);
  });
});
