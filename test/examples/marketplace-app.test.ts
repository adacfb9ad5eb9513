import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDemo, type Demo } from '../../examples/marketplace-app/dev.js';
import type { TokenSet } from '../../src/index.js';

/**
 * examples/marketplace-app over plain HTTP (the browser test covers the clicks): the command that
 * starts it, the CSRF and webhook defences, and the paths a person rarely clicks into.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function demo(): Promise<Demo> {
  const started = await startDemo({ port: 0, logger: quiet });
  onTestFinished(() => started.close());
  return started;
}

/** Connects a location the way the callback would: tokens in the app's store. */
async function connect(d: Demo, locationId = d.sim.locationId): Promise<TokenSet> {
  const tokens = d.sim.issueTokens({ locationId });
  await d.app.tokenStore.set(locationId, tokens);
  await d.sim.webhooks.settled();
  return tokens;
}

const home = async (d: Demo) => (await fetch(d.app.url)).text();
const post = (d: Demo, path: string, origin = d.app.url) =>
  fetch(`${d.app.url}${path}`, { method: 'POST', redirect: 'manual', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });

/** Reads the sync's SSE stream to its end; returns every snapshot it sent. */
async function syncEvents(d: Demo, syncPath: string): Promise<Array<{ done: number; created: number; updated: number; failed: number; finished: boolean }>> {
  const text = await (await fetch(`${d.app.url}${syncPath}/events`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)));
}

describe('examples/marketplace-app', () => {
  it('`npm run example:app` starts the simulator and the app and prints the URL to open', { timeout: 30_000 }, async () => {
    // Its own process group, so the npm → tsx chain stops as one.
    const child = spawn('npm', ['run', '--silent', 'example:app'], { cwd: REPO, env: { ...process.env, PORT: '0' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /Marketplace app: (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited (${code}) before printing the URL: ${seen}`)));
    });
    const page = await (await fetch(url)).text();
    expect(page).toContain('Connect HighLevel');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  });

  it('POST /oauth/start sets the state cookie (HttpOnly, SameSite=Lax, callback path, 10 min) and sends the browser to the consent page', async () => {
    const d = await demo();
    const response = await post(d, '/oauth/start');
    expect(response.status).toBe(303);
    const consent = new URL(response.headers.get('location') ?? '');
    expect(`${consent.origin}${consent.pathname}`).toBe(`${d.sim.url}/v2/oauth/chooselocation`);
    expect(consent.searchParams.get('redirect_uri')).toBe(`${d.app.url}/oauth/callback`);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^ghl_oauth_state=${consent.searchParams.get('state')};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/oauth/callback');
    expect(cookie).toContain('Max-Age=600');
    expect(cookie).not.toContain('Secure'); // plain http on 127.0.0.1; set over https
  });

  it('refuses form posts from another origin (CSRF): no OAuth flow, no self-test, no sync', async () => {
    const d = await demo();
    await connect(d);
    for (const path of ['/oauth/start', `/locations/${d.sim.locationId}/self-test`, `/locations/${d.sim.locationId}/sync`]) {
      expect((await post(d, path, 'http://evil.example')).status).toBe(403);
    }
    expect(d.sim.stats.tokenRequests + d.sim.stats.apiRequests).toBe(0);
  });

  it('a callback without the state cookie is refused with the 400 page, even with a real code', async () => {
    const d = await demo();
    const redirectUri = `${d.app.url}/oauth/callback`;
    const code = d.sim.issueAuthorizationCode({ redirectUri });
    const response = await fetch(`${redirectUri}?${new URLSearchParams({ code, state: 'guessed' }).toString()}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="state-mismatch"');
    expect(await d.app.tokenStore.keys()).toEqual([]);
    expect(d.sim.stats.codeGrants).toBe(0);
  });

  it('webhooks: signed ones are listed on the home page, forged ones answered 401 and not listed; UNINSTALL disconnects', async () => {
    const d = await demo();
    await connect(d);
    const url = `${d.app.url}/webhooks/ghl`;
    await d.sim.webhooks.deliver(url, { type: 'ContactCreate', locationId: d.sim.locationId, id: 'contact-1', email: 'a@example.com' });
    const forged = await d.sim.webhooks.deliver(url, { type: 'ContactDelete', locationId: d.sim.locationId, id: 'victim' }, { fault: 'badSignature' });
    expect(forged.statuses).toEqual([401]);
    let page = await home(d);
    expect(page).toContain('<td>ContactCreate</td>');
    expect(page).not.toContain('ContactDelete');
    expect(page).toContain(`data-location-id="${d.sim.locationId}"`);

    d.sim.uninstall();
    await d.sim.webhooks.settled();
    page = await home(d);
    expect(page).toContain('<td>UNINSTALL</td>');
    expect(page).not.toContain(`data-location-id="${d.sim.locationId}"`);
    expect(page).toContain('Connect HighLevel');
  });

  it('a second "Sync test users" updates the same 25 contacts: 0 created, 25 updated, every row streamed', async () => {
    const d = await demo();
    await connect(d);
    const first = (await post(d, `/locations/${d.sim.locationId}/sync`)).headers.get('location') ?? '';
    expect((await syncEvents(d, first)).at(-1)).toMatchObject({ finished: true, done: 25, created: 25, updated: 0, failed: 0 });
    const second = (await post(d, `/locations/${d.sim.locationId}/sync`)).headers.get('location') ?? '';
    expect(second).not.toBe(first);
    const events = await syncEvents(d, second);
    expect(events.at(-1)).toMatchObject({ finished: true, done: 25, created: 0, updated: 25, failed: 0 });
    expect(events.length).toBeGreaterThan(1);
    expect(d.sim.contacts.list(d.sim.locationId)).toHaveLength(25);
    // A finished sync's page renders its result without the stream.
    expect(await (await fetch(`${d.app.url}${second}`)).text()).toContain('25 of 25 done: 0 created, 25 updated, 0 failed');
  });

  it('a location GHL no longer accepts: the self-test fails on the page, which asks to connect again; no token shown', async () => {
    const d = await demo();
    const tokens = await connect(d);
    d.sim.revokeRefreshToken(tokens.refreshToken!);
    d.sim.expireAccessTokens();
    await d.app.tokenStore.set(d.sim.locationId, { ...tokens, expiresAt: Date.now() - 1 });
    expect((await post(d, `/locations/${d.sim.locationId}/self-test`)).status).toBe(303);
    const page = await home(d);
    expect(page).toContain('Self-test failed');
    expect(page).toContain('GHL refused the refresh token: connect this location again');
    expect(page).not.toContain(tokens.refreshToken!);
    expect(page).not.toContain(tokens.accessToken);
  });

  it('an agency install whose mint fails for one location: the callback still connects, the page names the failure; no token shown', async () => {
    const d = await demo();
    // The browser's part, over plain HTTP: start (state cookie), the consent page's agency option, the callback.
    const start = await post(d, '/oauth/start');
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
    const consent = new URL(start.headers.get('location') ?? '');
    const decided = await fetch(`${d.sim.url}/v2/oauth/chooselocation`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...Object.fromEntries(consent.searchParams), decision: 'allow', location_id: `company:${d.sim.companyId}` }).toString(),
    });
    d.sim.injectFault({ route: 'POST /oauth/locationToken', kind: 'status', status: 400, body: { statusCode: 400, message: 'Location not found' } });
    const back = await fetch(decided.headers.get('location') ?? '', { redirect: 'manual', headers: { cookie } });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/?connected=${encodeURIComponent(`company:${d.sim.companyId}`)}`);

    const page = await home(d);
    // Provisioning minted 5 at a time: whichever location met the fault is the one that failed.
    const minted = Object.keys(d.sim.stats.locationTokenMints);
    expect(minted).toHaveLength(2);
    const failed = [d.sim.locationId, `${d.sim.locationId}-2`, `${d.sim.locationId}-3`].find((id) => !minted.includes(id));
    expect(page).toMatch(new RegExp(`2 of 3 locations hold a token; failed: ${failed} \\(.*Location not found.*\\)\\.`));
    expect(page).toMatch(new RegExp(`<tr data-location-id="${failed}">.*none yet: minted on the first call`));
    expect(page.match(/<tr data-location-id=/g)).toHaveLength(3);
    for (const key of await d.app.tokenStore.keys()) {
      const tokens = await d.app.tokenStore.get(key);
      expect(page).not.toContain(tokens!.accessToken);
      if (tokens!.refreshToken) expect(page).not.toContain(tokens!.refreshToken);
    }
  });

  it('unknown locations and syncs get 404 pages', async () => {
    const d = await demo();
    const selfTest = await post(d, '/locations/not-connected/self-test');
    expect(selfTest.status).toBe(404);
    expect(await selfTest.text()).toContain('id="not-connected"');
    expect((await post(d, '/locations/not-connected/sync')).status).toBe(404);
    expect((await fetch(`${d.app.url}/syncs/nope`)).status).toBe(404);
    expect((await fetch(`${d.app.url}/syncs/nope/events`)).status).toBe(404);
  });
});
