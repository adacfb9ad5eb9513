import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGHLSimulator, type GHLSimulator } from '../../../src/testing/index.js';
import { tokenRequest } from './http.js';

let sim: GHLSimulator;
beforeEach(async () => {
  sim = await createGHLSimulator({ appName: 'Acme <Sync>' });
});
afterEach(() => sim.close());

const REDIRECT = 'http://127.0.0.1:9/oauth/callback?from=test';
const query = (overrides: Record<string, string | null> = {}) => {
  const params: Record<string, string | null> = { response_type: 'code', client_id: sim.clientId, redirect_uri: REDIRECT, scope: 'contacts.readonly contacts.write', state: 's t&ate', ...overrides };
  return new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null));
};
const open = (params: URLSearchParams) => fetch(`${sim.url}/v2/oauth/chooselocation?${params.toString()}`);
const decide = (form: Record<string, string>, params = query()) =>
  fetch(`${sim.url}/v2/oauth/chooselocation`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(params), ...form }).toString(),
  });

describe('GET /v2/oauth/chooselocation: the consent page', () => {
  it("shows the app's name, the requested scopes and the locations, escaped, carrying state in the form", async () => {
    const response = await open(query());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('<strong id="app-name">Acme &#60;Sync&#62;</strong>');
    expect(page).toContain('<ul id="scopes"><li>contacts.readonly</li><li>contacts.write</li></ul>');
    for (const id of [sim.locationId, `${sim.locationId}-2`, `${sim.locationId}-3`]) expect(page).toContain(`name="location_id" value="${id}"`);
    expect(page).toContain('name="state" value="s t&#38;ate"');
    expect(sim.stats).toMatchObject({ apiRequests: 0, tokenRequests: 0, byRoute: { 'GET /v2/oauth/chooselocation': 1 } });
  });

  it.each([
    ['an unknown client_id', { client_id: 'someone-else' }, /Unknown client_id/],
    ['no redirect_uri', { redirect_uri: null }, /redirect_uri must be an http\(s\) URL/],
    ['a javascript: redirect_uri', { redirect_uri: 'javascript:alert(1)' }, /redirect_uri must be an http\(s\) URL/],
    ['another response_type', { response_type: 'token' }, /response_type must be &#34;code&#34;/],
    ['no scope', { scope: '' }, /scope must name at least one scope/],
  ])('refuses %s with a 400 page, redirecting nowhere', async (_name, overrides, message) => {
    const response = await open(query(overrides));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(message);
  });
});

describe('POST /v2/oauth/chooselocation: the decision', () => {
  it('Allow → redirect_uri with a code for the chosen location and the unchanged state; the code installs there', async () => {
    const response = await decide({ decision: 'allow', location_id: `${sim.locationId}-2` });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:9/oauth/callback');
    expect(back.searchParams.get('from')).toBe('test');
    expect(back.searchParams.get('state')).toBe('s t&ate');
    const code = back.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[0-9a-f]{40}$/);

    const exchanged = await tokenRequest(sim.url, { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ locationId: `${sim.locationId}-2`, userType: 'Location' });
    expect(sim.currentRefreshToken(`${sim.locationId}-2`)).toBe(exchanged.body.refresh_token);
  });

  it('Allow sends INSTALL for the chosen location to subscribed webhook URLs', async () => {
    const received: unknown[] = [];
    const { createServer } = await import('node:http');
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      sim.webhooks.subscribe(`http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`);
      await decide({ decision: 'allow', location_id: `${sim.locationId}-3` });
      await sim.webhooks.settled();
      expect(received).toEqual([expect.objectContaining({ type: 'INSTALL', locationId: `${sim.locationId}-3` })]);
    } finally {
      hook.closeAllConnections();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('Cancel → redirect_uri with error=access_denied and the state, no code', async () => {
    const response = await decide({ decision: 'deny', location_id: sim.locationId });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('s t&ate');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('refuses a location the page did not offer, and a tampered client_id, without redirecting', async () => {
    const unknown = await decide({ decision: 'allow', location_id: 'someone-elses-location' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    const tampered = await decide({ decision: 'allow', location_id: sim.locationId }, query({ client_id: 'other' }));
    expect(tampered.status).toBe(400);
    expect(sim.stats.codeGrants).toBe(0);
  });

  it('offers the locations given in consentLocations', async () => {
    const custom = await createGHLSimulator({ consentLocations: [{ id: 'loc-a', name: 'Alpha' }] });
    try {
      const page = await (await fetch(`${custom.url}/v2/oauth/chooselocation?${new URLSearchParams({ response_type: 'code', client_id: custom.clientId, redirect_uri: REDIRECT, scope: 'contacts.readonly' }).toString()}`)).text();
      // Alpha, and the agency option.
      expect(page.match(/name="location_id" value="loc-a"/g)).toHaveLength(1);
      expect(page.match(/name="location_id"/g)).toHaveLength(2);
      expect(page).toContain('Alpha');
      expect(page).not.toContain('name="state"');
    } finally {
      await custom.close();
    }
  });

  it('offers the agency (all sub-accounts) after the locations, none of them checked', async () => {
    const page = await (await open(query())).text();
    expect(page).toContain(`<input type="radio" name="location_id" value="company:${sim.companyId}"> Install for the agency (all sub-accounts)`);
    expect(page.indexOf(`value="company:${sim.companyId}"`)).toBeGreaterThan(page.indexOf(`value="${sim.locationId}-3"`));
  });

  it('Allow for the agency → a Company code approved for every sub-account: the listed ones join the agency, all installed', async () => {
    const [extra] = sim.agency.addLocations([{ name: 'Added before', installed: false }]);
    const response = await decide({ decision: 'allow', location_id: `company:${sim.companyId}` });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('s t&ate');
    const code = back.searchParams.get('code') ?? '';
    const listed = [sim.locationId, `${sim.locationId}-2`, `${sim.locationId}-3`];
    expect(sim.agency.list().map((location) => [location.id, location.name, location.isInstalled])).toEqual([
      [extra!.id, 'Added before', true],
      [sim.locationId, 'Main Street Bakery', true],
      [`${sim.locationId}-2`, 'Harbor Dental', true],
      [`${sim.locationId}-3`, 'Summit Fitness', true],
    ]);

    const exchanged = await tokenRequest(sim.url, { client_id: sim.clientId, client_secret: sim.clientSecret, grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ userType: 'Company', companyId: sim.companyId, approvedLocations: [extra!.id, ...listed], isBulkInstallation: true, approveAllLocations: true });
    expect(exchanged.body).not.toHaveProperty('locationId');
  });

  it('Allow for another agency than the simulated one is refused like an unknown location', async () => {
    const response = await decide({ decision: 'allow', location_id: 'company:someone-else' });
    expect(response.status).toBe(400);
    expect(sim.agency.list()).toEqual([]);
  });
});
