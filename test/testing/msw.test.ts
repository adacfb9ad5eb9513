import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ghlHandlers } from '../../src/testing/msw.js';
import { server } from '../msw.js';
import { apiClient, refresh } from './simulator/http.js';

const GHL = 'https://services.leadconnectorhq.com';

describe('ghlHandlers (ghl-sdk/testing/msw)', () => {
  it('serves the token endpoint and contacts at the real GHL URL through msw', async () => {
    const ghl = ghlHandlers();
    server.use(...ghl.handlers);
    expect(ghl.baseUrl).toBe(GHL);

    const { refreshToken } = ghl.issueTokens();
    const sim = { url: GHL, clientId: ghl.clientId, clientSecret: ghl.clientSecret };
    const rotated = await refresh(sim, refreshToken);
    expect(rotated.status).toBe(200);
    expect((await refresh(sim, refreshToken)).body.error).toBe('invalid_grant');
    expect(ghl.currentRefreshToken()).toBe(rotated.body.refresh_token);

    const call = apiClient(GHL, rotated.body.access_token);
    const created = await call('POST', '/contacts/', { locationId: ghl.locationId, email: 'msw@example.com' });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-ratelimit-remaining')).toBe('99');
    expect((await call('POST', '/contacts/', { locationId: ghl.locationId, email: 'msw@example.com' })).body.meta.contactId).toBe(created.body.contact.id);
    expect((await call('POST', '/contacts/', { locationId: ghl.locationId, nope: 1 })).status).toBe(422);
    expect(ghl.contacts.list()).toHaveLength(1);
    expect(ghl.stats).toMatchObject({ tokenRequests: 2, refreshGrants: 1, invalidGrants: 1, apiRequests: 3 });
    expect(ghl.stats.byRoute['POST /contacts/']).toBe(3);
  });

  it('serves the consent page as HTML and its decision as a redirect, not as JSON', async () => {
    const ghl = ghlHandlers();
    server.use(...ghl.handlers);
    const params = new URLSearchParams({ response_type: 'code', client_id: ghl.clientId, redirect_uri: 'https://app.example.com/cb', scope: 'contacts.readonly', state: 'st' });
    const page = await fetch(`${GHL}/v2/oauth/chooselocation?${params.toString()}`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<li>contacts.readonly</li>');
    params.set('decision', 'deny');
    const denied = await fetch(`${GHL}/v2/oauth/chooselocation`, { method: 'POST', redirect: 'manual', body: params });
    expect(denied.status).toBe(302);
    expect(denied.headers.get('location')).toBe('https://app.example.com/cb?state=st&error=access_denied');
  });

  it('turns drop faults into network errors and honours the other kinds', async () => {
    const ghl = ghlHandlers();
    server.use(...ghl.handlers);
    const call = apiClient(GHL, ghl.issueTokens().accessToken);
    const create = () => call('POST', '/contacts/', { locationId: ghl.locationId, email: 'a@example.com' });

    ghl.injectFault({ route: 'POST /contacts/', kind: 'drop' });
    await expect(create()).rejects.toThrow(TypeError);
    expect(ghl.contacts.list()).toHaveLength(0);

    ghl.injectFault({ route: 'POST /contacts/', kind: 'dropAfterProcessing' });
    await expect(create()).rejects.toThrow(TypeError);
    expect(ghl.contacts.list()).toHaveLength(1);

    ghl.injectFault({ route: '*', kind: 'rateLimit', retryAfterSeconds: 2 });
    const limited = await call('GET', '/contacts/x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');

    ghl.injectFault({ route: 'GET /contacts/:contactId', kind: 'status', status: 502 });
    expect((await call('GET', '/contacts/x')).status).toBe(502);
  });

  it('supports a custom base URL with a path prefix and a version check', async () => {
    const ghl = ghlHandlers({ baseUrl: 'https://ghl.test/proxy/', now: () => 0 });
    server.use(...ghl.handlers);
    expect(ghl.baseUrl).toBe('https://ghl.test/proxy');
    const token = ghl.issueTokens().accessToken;
    const ok = await apiClient(ghl.baseUrl, token)('GET', `/contacts/?locationId=${ghl.locationId}`);
    expect(ok.status).toBe(200);
    expect((await apiClient(ghl.baseUrl, token, {})('GET', `/contacts/?locationId=${ghl.locationId}`)).status).toBe(400);
    expect(ghl.stats.byRoute).toEqual({ 'GET /contacts/': 2 });
  });
});

describe('ghl-sdk/testing', () => {
  it('never imports msw outside the msw entry', async () => {
    const root = join(import.meta.dirname, '../../src/testing');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts') && f !== 'msw.ts');
    for (const file of files) expect(await readFile(join(root, file), 'utf8'), file).not.toMatch(/from 'msw/);
  });
});
