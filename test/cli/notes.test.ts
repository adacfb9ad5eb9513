import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, simulator } from './helpers.js';

describe('ghl notes', () => {
  it('adds a note to a contact and lists the notes, as text and as JSON', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const contact = sim.contacts.seed({ email: 'ada@example.com' });

    const added = await cli(['notes', 'add', contact.id, 'Called about the quote', '--title', 'Call', '--json'], { env });
    expect(added.code).toBe(0);
    const note = JSON.parse(added.stdout);
    expect(note).toMatchObject({ id: expect.any(String), contactId: contact.id, body: 'Called about the quote', title: 'Call' });
    expect(sim.contactActivity.notes(contact.id)).toHaveLength(1);

    const text = await cli(['notes', 'add', contact.id, 'Second'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Added note \\S+ to contact ${contact.id}\\n {2}body +Second\\n`));

    const list = await cli(['notes', 'list', contact.id, '--json'], { env });
    expect(JSON.parse(list.stdout).notes.map((n: { body: string }) => n.body)).toEqual(['Called about the quote', 'Second']);
    expect((await cli(['notes', 'list', contact.id], { env })).stdout).toMatch(/^2 note\(s\) on contact /);
  });

  it('exits 2 on an empty text or a missing argument, before anything is sent; exits 1 on an unknown contact', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const contact = sim.contacts.seed({ email: 'ada@example.com' });
    const empty = await cli(['notes', 'add', contact.id, '  ', '--json'], { env });
    expect(empty.code).toBe(2);
    expect(JSON.parse(empty.stdout).error).toMatchObject({ name: 'GHLValidationError', fields: ['body'] });
    expect((await cli(['notes', 'add', contact.id], { env })).stderr).toMatch(/needs a CONTACT_ID and the TEXT/);
    expect((await cli(['notes'], { env })).code).toBe(2);
    expect(sim.stats.apiRequests).toBe(0);
    const unknown = await cli(['notes', 'add', 'nope', 'hello'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^ghl: GHLNotFoundError: GHL POST \/contacts\/nope\/notes failed with 404/);
  });
});
