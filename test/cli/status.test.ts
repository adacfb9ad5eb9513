import { describe, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import { cli, oauthEnv, simulator, tempDir } from './helpers.js';

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

  it('reports a refresh token GHL rejected, and the deadline to re-authenticate, after an app hit invalid_grant', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const cwd = await tempDir();
    // Someone else spends the refresh token: ours is dead, our access token still valid for a day.
    const installed = { accessToken: env.GHL_ACCESS_TOKEN ?? '', refreshToken: env.GHL_REFRESH_TOKEN, expiresAt: Number(env.GHL_TOKEN_EXPIRES_AT) };
    await new GHLClient({ ...appOptions(sim), tokenStore: new MemoryTokenStore({ [sim.locationId]: installed }) }).tokens.refresh();
    // The app (same folder, same default store as the CLI) tries to refresh and gets invalid_grant.
    const store = new DurableEnvTokenStore({ env, locationId: sim.locationId, cwd });
    const app = new GHLClient({ ...appOptions(sim), tokenStore: store, refreshPolicy: 'always' });
    await expect(app.tokens.getAccessToken()).resolves.toBe(installed.accessToken);

    const run = await cli(['status'], { env, cwd });
    expect(run.code).toBe(0);
    const deadline = new Date(installed.expiresAt).toISOString();
    expect(run.stdout).toContain(`access token    GHL rejected the refresh token: calls work until ${deadline}; run \`ghl auth\` before then`);
    const json = JSON.parse((await cli(['status', '--json'], { env, cwd })).stdout);
    expect(json).toMatchObject({ refreshTokenRejected: true, tokenValid: true, expiresAt: installed.expiresAt });
  });
});

function appOptions(sim: { url: string; clientId: string; clientSecret: string; locationId: string }) {
  return { baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, locationId: sim.locationId, env: {} };
}
