import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, simulator } from './helpers.js';

describe('ghl status', () => {
  it('reports configuration and token state without calling GHL or printing a token', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const run = await cli(['status'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/configured\s+yes/);
    expect(run.stdout).toMatch(new RegExp(`location\\s+${sim.locationId}`));
    expect(run.stdout).toMatch(/access token\s+valid, expires in 23 h 59 min/);
    expect(run.stdout).toMatch(/tokens kept in\s+\/.*\/\.ghl\/tokens\.json\n/);
    for (const secret of [env.GHL_ACCESS_TOKEN, env.GHL_REFRESH_TOKEN, env.GHL_CLIENT_SECRET]) expect(run.stdout + run.stderr).not.toContain(secret);
    expect(sim.stats).toMatchObject({ tokenRequests: 0, apiRequests: 0 });
  });

  it('prints one JSON object under --json', async () => {
    const sim = await simulator();
    const run = await cli(['status', '--json'], { env: oauthEnv(sim, { accessTokenTtlMs: 0 }) });
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout);
    expect(status).toMatchObject({
      ok: true,
      configured: true,
      missing: [],
      locationId: sim.locationId,
      baseUrl: sim.url,
      refreshPolicy: 'expiring',
      refreshable: true,
      tokenValid: false,
      tokenStore: { kind: 'tokenFile', path: expect.stringMatching(/\.ghl\/tokens\.json$/) },
    });
    expect(status.expiresInMs).toBeLessThanOrEqual(0);
  });
});
