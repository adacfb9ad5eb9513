import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { runCli } from '../../src/cli/run.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import type { GHLSimulator } from '../../src/testing/index.js';
import { Capture, cli, simulator, tempDir } from './helpers.js';

function agencyEnv(sim: GHLSimulator): Record<string, string> {
  return { GHL_BASE_URL: sim.url, GHL_CLIENT_ID: sim.clientId, GHL_CLIENT_SECRET: sim.clientSecret, GHL_COMPANY_ID: sim.companyId };
}

/** `ghl auth --company` through the callback, as a browser would finish it. */
async function authCompany(sim: GHLSimulator, cwd: string, locationIds: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const { GHL_COMPANY_ID: _company, ...env } = agencyEnv(sim);
  const exit = runCli(['auth', '--company', '--port', '0'], { env, stdout, stderr, cwd });
  const started = Date.now();
  let match: RegExpExecArray | null = null;
  while (!(match = /https:\/\/\S+/.exec(stderr.text))) {
    if (Date.now() - started > 5_000) throw new Error(`no authorization URL printed; stderr: ${stderr.text}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const url = new URL(match[0]);
  const code = sim.agency.bulkInstall({ locationIds });
  const answer = await fetch(`${url.searchParams.get('redirect_uri')}?${new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString()}`);
  expect(answer.status).toBe(200);
  return { code: await exit, stdout: stdout.text, stderr: stderr.text, url };
}

describe('the CLI for an agency', () => {
  it('ghl auth --company saves the company token under company:<id>; locations list and status use it', async () => {
    const sim = await simulator({ rateLimit: false });
    const locationIds = sim.agency.addLocations(3).map((location) => location.id);
    sim.agency.addLocations([{ name: 'Elsewhere', installed: false }]);
    const cwd = await tempDir();

    const auth = await authCompany(sim, cwd, locationIds);
    expect(auth.code).toBe(0);
    expect(auth.url.searchParams.get('scope')).toContain('oauth.write');
    expect(auth.stdout).toContain(`Connected: tokens for company ${sim.companyId} saved to ${join(cwd, '.ghl/tokens.json')}.`);
    expect(auth.stdout).toContain('Approved locations: 3 (a bulk install).');
    expect(auth.stdout).toContain(`Set GHL_COMPANY_ID=${sim.companyId}`);
    const file = JSON.parse(await readFile(join(cwd, '.ghl/tokens.json'), 'utf8')) as Record<string, { refreshToken?: string; userType?: string }>;
    expect(Object.keys(file)).toEqual([`company:${sim.companyId}@${sim.url}`]);
    expect(file[`company:${sim.companyId}@${sim.url}`]).toMatchObject({ userType: 'Company', refreshToken: sim.currentRefreshToken(sim.companyId) });

    const list = await cli(['locations', 'list', '--json'], { env: agencyEnv(sim), cwd });
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as { locations: Array<{ id: string; hasToken: boolean }> };
    expect(listed.locations.map((location) => location.id).sort()).toEqual([...locationIds].sort());
    expect(listed.locations.every((location) => !location.hasToken)).toBe(true);
    expect(sim.stats.locationTokenMints).toEqual({});

    const all = await cli(['locations', 'list', '--all'], { env: agencyEnv(sim), cwd });
    expect(all.stdout).toMatch(/Elsewhere \(not installed, no token yet\)/);

    // An app in the same folder mints two locations' tokens into the same file.
    const store = new DurableEnvTokenStore({ env: agencyEnv(sim), cwd, locationId: `company:${sim.companyId}`, issuer: sim.url });
    const company = GHLClient.forCompany({ env: agencyEnv(sim), companyId: sim.companyId, tokenStore: store, rateLimit: false });
    await company.location(locationIds[0]!).tokens.getAccessToken();
    await company.location(locationIds[1]!).tokens.getAccessToken();

    const status = await cli(['status'], { env: agencyEnv(sim), cwd });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`company\\s+${sim.companyId} \\(tokens under "company:${sim.companyId}"\\)`));
    expect(status.stdout).toMatch(/company token\s+valid, expires in 23 h/);
    expect(status.stdout).toMatch(/locations\s+2 with a location token/);
    const json = JSON.parse((await cli(['status', '--json'], { env: agencyEnv(sim), cwd })).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ ok: true, companyId: sim.companyId, hasTokens: true, tokenValid: true, locationsWithTokens: 2 });
    for (const token of Object.values(file).flatMap((tokens) => [tokens.refreshToken ?? ''])) expect(status.stdout + list.stdout + auth.stdout).not.toContain(token);
  });

  it('exits 2 naming what an agency command is missing, and refuses a bad subcommand', async () => {
    const sim = await simulator();
    const missing = await cli(['locations', 'list'], { env: { GHL_BASE_URL: sim.url, GHL_COMPANY_ID: sim.companyId } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GHL_CLIENT_ID, GHL_CLIENT_SECRET, GHL_REFRESH_TOKEN/);
    const bad = await cli(['locations', 'delete'], { env: agencyEnv(sim) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown subcommand "delete"/);
    expect(sim.stats.apiRequests).toBe(0);
  });
});
