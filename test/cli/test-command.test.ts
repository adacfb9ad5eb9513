import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, savedTokens, simulator, tempDir } from './helpers.js';

describe('ghl test', () => {
  it('refreshes for real, saves the rotated refresh token to the token file, and a second run uses it', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const cwd = await tempDir();
    // A copy per run, like a fresh process: the store mirrors rotations into the env it was given.
    const first = await cli(['test'], { env: { ...env }, cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/ok\s+config\s+location sim-location/);
    expect(first.stdout).toMatch(/ok\s+token\s+refreshed/);
    expect(first.stdout).toMatch(/ok\s+api\s+contacts search answered/);
    expect(first.stdout).toContain('All checks passed.');
    expect((await savedTokens(sim, join(cwd, '.ghl', 'tokens.json')))?.['refreshToken']).toBe(sim.currentRefreshToken());

    // The same env again (its GHL_REFRESH_TOKEN is spent now): the saved copy wins, nothing is spent twice.
    const second = await cli(['test', '--json'], { env: { ...env }, cwd });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, steps: [{ name: 'config', ok: true }, { name: 'token', ok: true }, { name: 'api', ok: true }] });
    expect(sim.stats).toMatchObject({ refreshGrants: 2, invalidGrants: 0 });
    for (const secret of [env.GHL_ACCESS_TOKEN, env.GHL_REFRESH_TOKEN, sim.currentRefreshToken()]) expect(first.stdout + second.stdout).not.toContain(secret);
  });

  it('a simulator that is gone leaves no entry behind in .ghl/tokens.json: the next run against another one removes it', async () => {
    const cwd = await tempDir();
    const file = join(cwd, '.ghl', 'tokens.json');
    const first = await simulator();
    const running = await simulator();
    expect((await cli(['test'], { env: oauthEnv(first), cwd })).code).toBe(0);
    expect((await cli(['test'], { env: oauthEnv(running), cwd })).code).toBe(0);
    await first.close();

    const next = await simulator();
    expect((await cli(['test'], { env: oauthEnv(next), cwd })).code).toBe(0);

    // The closed simulator's tokens are dead: its entry is gone. A running one keeps its entry.
    const keys = Object.keys(JSON.parse(await readFile(file, 'utf8')) as object).sort();
    expect(keys).toEqual([`${running.locationId}@${running.url}`, `${next.locationId}@${next.url}`].sort());
  });

  it('exits 1 and says to re-run OAuth when the refresh token was revoked', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    sim.revokeAllTokens();
    const run = await cli(['test', '--json'], { env });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.steps[1]).toMatchObject({ name: 'token', ok: false, ran: true, detail: expect.stringMatching(/GHLReauthRequiredError: .*Re-run the OAuth flow/) });
    expect(report.steps[2]).toMatchObject({ name: 'api', ok: false, ran: false });
    const human = await cli(['test'], { env });
    expect(human.stdout).toMatch(/FAIL\s+token/);
    expect(human.stdout).toMatch(/skip\s+api/);
    expect(human.stdout).toContain('The self-test failed.');
  });
});
