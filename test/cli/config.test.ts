import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appEnv, cli, simulator, tempDir } from './helpers.js';

describe('ghl configuration', () => {
  it('names every missing variable in one line and exits 2 before sending anything', async () => {
    const run = await cli(['status']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^ghl: GHLConfigError: Missing GHL configuration: GHL_LOCATION_ID, GHL_CLIENT_ID, GHL_CLIENT_SECRET, GHL_REFRESH_TOKEN\./);
    expect(run.stderr).toContain('ghl auth');
  });

  it('lists the missing variables under --json', async () => {
    const run = await cli(['contacts', 'search', '--json'], { env: { GHL_LOCATION_ID: 'loc', GHL_REFRESH_TOKEN: 'r' } });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      error: { name: 'GHLConfigError', message: expect.stringContaining('GHL_CLIENT_ID, GHL_CLIENT_SECRET'), missing: ['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET'] },
    });
  });

  it('needs nothing but the location for a Private Integration Token', async () => {
    const sim = await simulator();
    const run = await cli(['status', '--json'], { env: { GHL_BASE_URL: sim.url, GHL_LOCATION_ID: sim.locationId, GHL_ACCESS_TOKEN: sim.issuePrivateIntegrationToken() } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ configured: true, refreshable: false, tokenValid: true });
  });

  it('counts tokens in the token file as configured (GHL_TOKEN_FILE or --token-file)', async () => {
    const sim = await simulator();
    const cwd = await tempDir();
    await mkdir(join(cwd, 'secrets'));
    await writeFile(join(cwd, 'secrets', 'ghl.json'), JSON.stringify({ [`${sim.locationId}@${sim.url}`]: sim.issueTokens() }));
    const tokenStore = { kind: 'tokenFile', path: join(cwd, 'secrets', 'ghl.json') };
    const viaEnv = await cli(['status', '--json'], { env: { ...appEnv(sim), GHL_TOKEN_FILE: 'secrets/ghl.json' }, cwd });
    expect(viaEnv.code).toBe(0);
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({ tokenStore, tokenValid: true });
    const viaFlag = await cli(['status', '--json', '--token-file', 'secrets/ghl.json'], { env: appEnv(sim), cwd });
    expect(JSON.parse(viaFlag.stdout)).toMatchObject({ tokenStore, tokenValid: true });
  });

  it('exits 2 on a malformed GHL_BASE_URL', async () => {
    const run = await cli(['status'], { env: { GHL_LOCATION_ID: 'loc', GHL_ACCESS_TOKEN: 'pit-x', GHL_BASE_URL: 'not a url' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/baseUrl \(GHL_BASE_URL\) must be an absolute http\(s\) URL/);
  });

  it('exits 1 with a one-line message on an unreadable token file', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, '.ghl'));
    await writeFile(join(cwd, '.ghl', 'tokens.json'), '{ not json');
    const run = await cli(['status'], { env: { GHL_LOCATION_ID: 'loc', GHL_ACCESS_TOKEN: 'pit-x' }, cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ghl: GHLTokenStoreError: Token file .*tokens\.json is not valid JSON/);
  });
});
