import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, simulator } from './helpers.js';

describe('ghl contacts', () => {
  it('creates, gets and searches contacts, as text and as JSON', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const create = await cli(['contacts', 'create', '--email', 'ada@example.com', '--first-name', 'Ada', '--last-name', 'Lovelace', '--tag', 'cli', '--tag', 'vip', '--json'], { env });
    expect(create.code).toBe(0);
    const contact = JSON.parse(create.stdout);
    expect(contact).toMatchObject({ id: expect.any(String), email: 'ada@example.com', firstName: 'Ada', tags: ['cli', 'vip'], locationId: sim.locationId });
    expect(sim.contacts.list()).toHaveLength(1);

    const get = await cli(['contacts', 'get', contact.id], { env });
    expect(get.code).toBe(0);
    expect(get.stdout).toContain(`Contact ${contact.id}`);
    expect(get.stdout).toMatch(/name\s+Ada Lovelace/);
    expect(get.stdout).toMatch(/tags\s+cli, vip/);
    expect(JSON.parse((await cli(['contacts', 'get', contact.id, '--json'], { env })).stdout)).toMatchObject({ id: contact.id, email: 'ada@example.com' });

    await cli(['contacts', 'create', '--phone', '+15550101', '--name', 'Grace Hopper'], { env });
    const search = await cli(['contacts', 'search', '--query', 'ada', '--json'], { env });
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toMatchObject({ total: 1, contacts: [{ id: contact.id }] });
    const all = await cli(['contacts', 'search', '--limit', '1'], { env });
    expect(all.stdout).toMatch(/^2 contact\(s\) found, showing 1\n {2}\S+ {2}Grace Hopper {2}\+15550101\n$/);
  });

  it('says which contact already exists on a duplicate (exit 1)', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const existing = sim.contacts.seed({ email: 'dup@example.com' });
    const run = await cli(['contacts', 'create', '--email', 'dup@example.com'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^ghl: GHLDuplicateContactError: .*\\(existing contact: ${existing.id}\\)\\n$`));
  });

  it('exits 2 naming the field on invalid input, before anything is sent', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const run = await cli(['contacts', 'create', '--email', 'not-an-email', '--json'], { env });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error).toMatchObject({ name: 'GHLValidationError', message: expect.stringContaining('email must be a valid email'), fields: ['email'] });
    expect((await cli(['contacts', 'create', '--first-name', 'Nobody'], { env })).stderr).toMatch(/needs --email or --phone/);
    expect(sim.stats.apiRequests).toBe(0);
  });

  it('exits 1 on an unknown contact', async () => {
    const sim = await simulator();
    const run = await cli(['contacts', 'get', 'nope'], { env: oauthEnv(sim) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ghl: GHLNotFoundError: GHL GET \/contacts\/nope failed with 404/);
  });
});
