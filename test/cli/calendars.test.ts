import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, simulator } from './helpers.js';

describe('ghl calendars, slots and appointments', () => {
  it('lists calendars, shows free slots, books one, and the slot is gone: as text and as JSON', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const calendar = sim.calendars.seed({ name: 'Demo calls', timezone: 'America/Chicago' });
    const contact = sim.contacts.seed({ email: 'ada@example.com' });

    const list = await cli(['calendars', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(`1 calendar(s)\n  ${calendar.id}  Demo calls\n`);
    expect(JSON.parse((await cli(['calendars', 'list', '--json'], { env })).stdout)).toEqual([expect.objectContaining({ id: calendar.id })]);

    const range = ['--from', '2030-01-07T00:00:00-06:00', '--to', '2030-01-07T23:59:59-06:00', '--timezone', 'America/Chicago'];
    const slots = await cli(['slots', calendar.id, ...range], { env });
    expect(slots.code).toBe(0);
    expect(slots.stdout).toMatch(/^16 free slot\(s\)\n2030-01-07\n {2}2030-01-07T09:00:00-06:00\n/);

    const book = await cli(['appointments', 'book', '--calendar', calendar.id, '--contact', contact.id, '--start', '2030-01-07T09:00:00-06:00', '--title', 'Intro', '--json'], { env });
    expect(book.code).toBe(0);
    expect(JSON.parse(book.stdout)).toMatchObject({ id: expect.any(String), calendarId: calendar.id, startTime: '2030-01-07T09:00:00-06:00', title: 'Intro' });

    const after = JSON.parse((await cli(['slots', calendar.id, ...range, '--json'], { env })).stdout);
    expect(after).toHaveLength(1);
    expect(after[0].slots).toHaveLength(15);
    expect(after[0].slots).not.toContain('2030-01-07T09:00:00-06:00');

    const again = await cli(['appointments', 'book', '--calendar', calendar.id, '--contact', contact.id, '--start', String(Date.parse('2030-01-07T15:00:00Z'))], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^ghl: GHLBadRequestError: .*no longer available/);
    expect(sim.calendars.appointments()).toHaveLength(1);
  });

  it('exits 2 naming the field before anything is sent', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const noOffset = await cli(['slots', 'cal-1', '--from', '2030-01-07T00:00:00', '--to', '2030-01-08T00:00:00Z', '--json'], { env });
    expect(noOffset.code).toBe(2);
    expect(JSON.parse(noOffset.stdout).error).toMatchObject({ name: 'GHLValidationError', fields: ['startDate'] });
    expect((await cli(['slots', 'cal-1', '--from', '2030-01-01T00:00:00Z', '--to', '2030-03-01T00:00:00Z'], { env })).stderr).toMatch(/31 days/);
    expect((await cli(['slots', 'cal-1', '--from', '2030-01-01T00:00:00Z'], { env })).stderr).toMatch(/needs --from and --to/);
    expect((await cli(['appointments', 'book', '--calendar', 'cal-1'], { env })).stderr).toMatch(/needs --calendar, --contact and --start/);
    expect((await cli(['calendars', 'lst'], { env })).code).toBe(2);
    expect(sim.stats.apiRequests).toBe(0);
  });
});
