import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { GHLSimulator } from '../../src/testing/index.js';
import { appEnv, Capture, cli, savedTokens, simulator, tempDir } from './helpers.js';

/** Starts `ghl auth` in-process and waits until it has printed the authorization URL. */
async function startAuth(sim: GHLSimulator, argv: string[] = []) {
  const cwd = await tempDir();
  const stdout = new Capture();
  const stderr = new Capture();
  const { GHL_LOCATION_ID: _location, ...env } = appEnv(sim);
  const exit = runCli(['auth', '--port', '0', ...argv], { env, stdout, stderr, cwd });
  const started = Date.now();
  let match: RegExpExecArray | null = null;
  while (!(match = /https:\/\/\S+/.exec(stderr.text))) {
    if (Date.now() - started > 5_000) throw new Error(`no authorization URL printed; stderr: ${stderr.text}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const url = new URL(match[0]);
  const redirectUri = url.searchParams.get('redirect_uri') ?? '';
  const state = url.searchParams.get('state') ?? '';
  const callback = (params: Record<string, string>) => fetch(`${redirectUri}?${new URLSearchParams(params).toString()}`);
  return { cwd, stdout, stderr, exit, url, redirectUri, state, callback };
}

describe('ghl auth', () => {
  it('prints the authorization URL, refuses a wrong state, exchanges the code and saves the tokens before answering', async () => {
    const sim = await simulator();
    const flow = await startAuth(sim, ['--scopes', 'contacts.readonly contacts.write', '--token-file', 'tokens.json']);
    expect(flow.url.origin + flow.url.pathname).toBe('https://marketplace.gohighlevel.com/v2/oauth/chooselocation');
    expect(flow.url.searchParams.get('client_id')).toBe(sim.clientId);
    expect(flow.url.searchParams.get('scope')).toBe('contacts.readonly contacts.write');
    expect(flow.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const code = sim.issueAuthorizationCode({ redirectUri: flow.redirectUri });

    const forged = await flow.callback({ code, state: 'not-the-state' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/state .* does not match/);
    expect(flow.stderr.text).toContain('a callback with a missing or wrong state was refused; still waiting');
    expect(sim.stats.codeGrants).toBe(0);

    const answer = await flow.callback({ code, state: flow.state });
    expect(answer.status).toBe(200);
    // Answered only after the store write: the file is complete the moment the browser hears back.
    const saved = await savedTokens(sim, join(flow.cwd, 'tokens.json'));
    expect(saved).toMatchObject({ refreshToken: sim.currentRefreshToken(), userType: 'Location', locationId: sim.locationId });
    expect(await flow.exit).toBe(0);
    expect(flow.stdout.text).toBe(`Connected: tokens for location ${sim.locationId} saved to ${join(flow.cwd, 'tokens.json')}.\nSet GHL_LOCATION_ID=${sim.locationId} to use them.\n`);
    for (const token of [saved?.['refreshToken'], saved?.['accessToken']]) expect(flow.stdout.text + flow.stderr.text).not.toContain(token);

    // Every other command now works from the saved file alone.
    const status = await cli(['status', '--json', '--token-file', 'tokens.json'], { env: appEnv(sim), cwd: flow.cwd });
    expect(JSON.parse(status.stdout)).toMatchObject({ tokenValid: true, refreshable: true });
    expect(sim.stats.tokenRequests).toBe(1);
  });

  it('prints the result as JSON, never a token', async () => {
    const sim = await simulator();
    const flow = await startAuth(sim, ['--json']);
    await flow.callback({ code: sim.issueAuthorizationCode(), state: flow.state });
    expect(await flow.exit).toBe(0);
    expect(JSON.parse(flow.stdout.text)).toEqual({
      ok: true,
      locationId: sim.locationId,
      tokenStore: { kind: 'tokenFile', path: join(flow.cwd, '.ghl', 'tokens.json') },
      userType: 'Location',
      scope: 'contacts.readonly contacts.write',
      expiresAt: expect.any(Number),
    });
  });

  it('exits 1 when GHL reports an error on the callback, or the code exchange fails', async () => {
    const sim = await simulator();
    const denied = await startAuth(sim);
    expect((await denied.callback({ error: 'access_denied', state: denied.state })).status).toBe(400);
    expect(await denied.exit).toBe(1);
    expect(denied.stderr.text).toMatch(/ghl: GHLError: GHL did not authorize the app: access_denied\n$/);

    const spent = await startAuth(sim);
    const answer = await spent.callback({ code: 'unknown-code', state: spent.state });
    expect(answer.status).toBe(502);
    expect(await spent.exit).toBe(1);
    expect(spent.stderr.text).toMatch(/ghl: GHLReauthRequiredError: GHL rejected the request to exchange the authorization code/);
  });

  it('exits 2 naming the missing app credentials', async () => {
    const run = await cli(['auth']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ghl: GHLConfigError: Missing GHL configuration: GHL_CLIENT_ID, GHL_CLIENT_SECRET/);
  });
});
