import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GHLClient } from '../src/client.js';
import { createGHLContact, getDefaultClient, setDefaultClient, syncToCompanyGHL } from '../src/compat.js';
import { GHLConfigError, GHLValidationError } from '../src/errors.js';
import { MemoryTokenStore } from '../src/stores/memory.js';
import { countRequests, server } from './msw.js';

const BASE = 'https://services.leadconnectorhq.com';
const GHL_VARS = ['GHL_LOCATION_ID', 'GHL_ACCESS_TOKEN', 'GHL_REFRESH_TOKEN', 'GHL_CLIENT_ID', 'GHL_CLIENT_SECRET', 'GHL_TOKEN_EXPIRES_AT', 'GHL_BASE_URL', 'GHL_REDIRECT_URI', 'GHL_ENV_FILE', 'GHL_TOKEN_FILE'];

interface Captured {
  method: string;
  path: string;
  authorization: string | null;
  version: string | null;
  body: unknown;
}

function ghl(): Captured[] {
  const seen: Captured[] = [];
  const record = async (request: Request) => {
    const body = (await request.json()) as Record<string, unknown>;
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('authorization'),
      version: request.headers.get('version'),
      body,
    });
    return body;
  };
  server.use(
    http.post(`${BASE}/contacts/`, async ({ request }) => {
      const { locationId, ...fields } = await record(request);
      return HttpResponse.json({ contact: { id: 'c-new', locationId, ...fields } }, { status: 201 });
    }),
    http.post(`${BASE}/contacts/upsert`, async ({ request }) => {
      const { locationId, ...fields } = await record(request);
      return HttpResponse.json({ new: true, contact: { id: 'c-up', locationId, ...fields } });
    }),
    http.post(`${BASE}/contacts/:id/tags`, async ({ request }) => {
      const { tags } = (await record(request)) as { tags: string[] };
      return HttpResponse.json({ tags }, { status: 201 });
    }),
  );
  return seen;
}

/** Clears every GHL_* variable of the real environment, so only what a test stubs is seen. */
function clearGhlEnv(): void {
  for (const name of GHL_VARS) vi.stubEnv(name, '');
}

afterEach(() => {
  setDefaultClient(undefined);
  vi.unstubAllEnvs();
});

describe('with a client set by setDefaultClient', () => {
  beforeEach(() => {
    setDefaultClient(new GHLClient({ locationId: 'loc-1', env: {}, tokenStore: new MemoryTokenStore({ 'loc-1': { accessToken: 'at-1' } }) }));
  });

  it('getDefaultClient returns the client that was set', () => {
    const client = new GHLClient({ locationId: 'loc-9', env: {}, tokenStore: new MemoryTokenStore() });
    setDefaultClient(client);
    expect(getDefaultClient()).toBe(client);
  });

  it('createGHLContact maps the snake_case GHLContactData to a camelCase POST /contacts/', async () => {
    const seen = ghl();
    const contact = await createGHLContact({
      email: 'user@example.com',
      first_name: 'John',
      last_name: 'Doe',
      name: 'John Doe',
      phone: '+15550100',
      company_name: 'Acme',
      source: 'website',
      tags: ['customer'],
      custom_fields: { 'contact.plan': 'pro', 'contact.seats': 2 },
    });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/contacts/', authorization: 'Bearer at-1', version: '2021-07-28' });
    expect(seen[0]?.body).toEqual({
      email: 'user@example.com',
      firstName: 'John',
      lastName: 'Doe',
      name: 'John Doe',
      phone: '+15550100',
      companyName: 'Acme',
      source: 'website',
      tags: ['customer'],
      customFields: [
        { key: 'contact.plan', field_value: 'pro' },
        { key: 'contact.seats', field_value: 2 },
      ],
      locationId: 'loc-1',
    });
    expect(contact).toMatchObject({ id: 'c-new', email: 'user@example.com', firstName: 'John', companyName: 'Acme' });
  });

  it("createGHLContact sends only what was given (the original README's example)", async () => {
    const seen = ghl();
    await createGHLContact({ email: 'user@example.com', first_name: 'John Doe', tags: ['customer'], custom_fields: [{ id: 'cf-1', field_value: 'x' }] });
    expect(seen[0]?.body).toEqual({ email: 'user@example.com', firstName: 'John Doe', tags: ['customer'], customFields: [{ id: 'cf-1', field_value: 'x' }], locationId: 'loc-1' });
  });

  it('createGHLContact validates before sending', async () => {
    const sent = countRequests();
    const error = await createGHLContact({ email: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLValidationError);
    expect((error as GHLValidationError).issues.map((i) => i.path)).toEqual(['email']);
    expect(sent.count).toBe(0);
  });

  it('syncToCompanyGHL takes an AppUser: upsert without tags, then the tags', async () => {
    const seen = ghl();
    const result = await syncToCompanyGHL({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', tags: ['beta'] });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /contacts/upsert', 'POST /contacts/c-up/tags']);
    expect(seen[0]?.body).toEqual({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', source: 'app user sync', locationId: 'loc-1' });
    expect(seen[1]?.body).toEqual({ tags: ['app-user', 'beta'] });
    expect(result.created).toBe(true);
    expect(result.contact).toMatchObject({ id: 'c-up', tags: ['app-user', 'beta'] });
  });

  it('syncToCompanyGHL takes the original snake_case user shape', async () => {
    const seen = ghl();
    const result = await syncToCompanyGHL({ email: 'jd@example.com', first_name: 'John', last_name: 'Doe', full_name: 'John Doe', user_id: 'u-1', company_name: 'Acme', tags: ['vip'] });
    expect(seen[0]?.body).toEqual({ email: 'jd@example.com', firstName: 'John', lastName: 'Doe', source: 'app user sync', companyName: 'Acme', locationId: 'loc-1' });
    expect(seen[1]?.body).toEqual({ tags: ['app-user', 'vip'] });
    expect(result.contact.id).toBe('c-up');
  });

  it('syncToCompanyGHL splits full_name when first/last names are absent', async () => {
    const seen = ghl();
    await syncToCompanyGHL({ email: 'grace@example.com', full_name: 'Grace Brewster Hopper', user_id: 'u-2' });
    expect(seen[0]?.body).toEqual({ email: 'grace@example.com', firstName: 'Grace', lastName: 'Brewster Hopper', source: 'app user sync', locationId: 'loc-1' });
  });

  it("syncToCompanyGHL passes sync options through ('basic' drops the company)", async () => {
    const seen = ghl();
    await syncToCompanyGHL({ email: 'jd@example.com', first_name: 'John', company_name: 'Acme' }, { syncType: 'basic', tags: ['lead'] });
    expect(seen[0]?.body).toEqual({ email: 'jd@example.com', firstName: 'John', source: 'app user sync', locationId: 'loc-1' });
    expect(seen[1]?.body).toEqual({ tags: ['lead'] });
  });

  it('syncToCompanyGHL rejects a bad email in either shape before sending', async () => {
    const sent = countRequests();
    await expect(syncToCompanyGHL({ email: 'nope', first_name: 'X' })).rejects.toBeInstanceOf(GHLValidationError);
    await expect(syncToCompanyGHL({ email: 'nope' })).rejects.toBeInstanceOf(GHLValidationError);
    expect(sent.count).toBe(0);
  });
});

describe('the default client from process.env', () => {
  let cwd: string;
  let dir: string;

  // The default token store may keep files relative to the working directory: keep them out of the repo.
  beforeEach(async () => {
    cwd = process.cwd();
    dir = await mkdtemp(join(tmpdir(), 'ghl-compat-'));
    process.chdir(dir);
    clearGhlEnv();
  });
  afterEach(async () => {
    process.chdir(cwd);
    await rm(dir, { recursive: true, force: true });
  });

  it('is built from GHL_LOCATION_ID + GHL_ACCESS_TOKEN on first use, and reused', async () => {
    vi.stubEnv('GHL_LOCATION_ID', 'loc-env');
    vi.stubEnv('GHL_ACCESS_TOKEN', 'pit-env-token');
    const client = getDefaultClient();
    expect(client).toBeInstanceOf(GHLClient);
    expect(client.locationId).toBe('loc-env');
    expect(getDefaultClient()).toBe(client);

    const seen = ghl();
    await createGHLContact({ email: 'env@example.com' });
    expect(seen[0]?.authorization).toBe('Bearer pit-env-token');
    expect(seen[0]?.body).toEqual({ email: 'env@example.com', locationId: 'loc-env' });
  });

  it('setDefaultClient(undefined) makes the next call rebuild from the env', () => {
    vi.stubEnv('GHL_LOCATION_ID', 'loc-a');
    vi.stubEnv('GHL_ACCESS_TOKEN', 'pit-a');
    const first = getDefaultClient();
    setDefaultClient(undefined);
    vi.stubEnv('GHL_LOCATION_ID', 'loc-b');
    const second = getDefaultClient();
    expect(second).not.toBe(first);
    expect(second.locationId).toBe('loc-b');
  });

  it('a missing env gives one GHLConfigError listing every missing variable', () => {
    const error = (() => {
      try {
        getDefaultClient();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as GHLConfigError).missing).toEqual(['GHL_LOCATION_ID', 'GHL_CLIENT_ID', 'GHL_CLIENT_SECRET', 'GHL_REFRESH_TOKEN']);
    for (const name of (error as GHLConfigError).missing) expect((error as Error).message).toContain(name);
  });

  it('OAuth without a client secret names exactly what is missing, and the compat calls reject with it', async () => {
    vi.stubEnv('GHL_LOCATION_ID', 'loc-env');
    vi.stubEnv('GHL_CLIENT_ID', 'client-1');
    vi.stubEnv('GHL_REFRESH_TOKEN', 'rt-1');
    const sent = countRequests();
    const error = await createGHLContact({ email: 'a@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConfigError);
    expect((error as GHLConfigError).missing).toEqual(['GHL_CLIENT_SECRET']);
    await expect(syncToCompanyGHL({ email: 'a@example.com' })).rejects.toBeInstanceOf(GHLConfigError);
    expect(sent.count).toBe(0);
  });
});
