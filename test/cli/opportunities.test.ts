import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, simulator } from './helpers.js';

describe('ghl opportunities', () => {
  it('lists opportunities with stage names, filters them, and stops at --limit; --json prints { opportunities, more }', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const [pipeline] = sim.opportunities.pipelines.list();
    const won = sim.opportunities.seed({ name: 'Engines', status: 'won', monetaryValue: 1200, pipelineStageId: pipeline?.stages[3]?.id as string });
    for (let i = 0; i < 3; i += 1) sim.opportunities.seed({ name: `Deal ${i}` });

    const all = await cli(['opportunities', 'list'], { env });
    expect(all.code).toBe(0);
    expect(all.stdout).toContain(`  ${won.id}  Sales Pipeline › Closed  won  1200  Engines\n`);
    expect(all.stdout).toMatch(/\n4 opportunities\n$/);

    const json = JSON.parse((await cli(['opportunities', 'list', '--status', 'won', '--json'], { env })).stdout);
    expect(json).toEqual({ opportunities: [expect.objectContaining({ id: won.id, name: 'Engines' })], more: false });

    const limited = await cli(['opportunities', 'list', '--limit', '2'], { env });
    expect(limited.stdout).toMatch(/\n2 opportunities \(stopped at --limit 2; more match\)\n$/);
  });

  it('gets one opportunity, as text and as JSON; an unknown id exits 1', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const contact = sim.contacts.seed({ email: 'ada@example.com', name: 'Ada' });
    const deal = sim.opportunities.seed({ name: 'Engines', monetaryValue: 50, contactId: contact.id });

    const text = await cli(['opportunities', 'get', deal.id], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Opportunity ${deal.id}`);
    expect(text.stdout).toMatch(/stage\s+Sales Pipeline › New Lead/);
    expect(text.stdout).toMatch(/contact\s+Ada, ada@example\.com/);
    expect(JSON.parse((await cli(['opportunities', 'get', deal.id, '--json'], { env })).stdout)).toMatchObject({ id: deal.id, monetaryValue: 50 });

    const missing = await cli(['opportunities', 'get', 'nope'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^ghl: GHLNotFoundError: GHL GET \/opportunities\/nope failed with 404/);
  });

  it('exits 2 on a bad --status, --limit, subcommand or missing id, before anything is sent', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    expect((await cli(['opportunities', 'list', '--status', 'closed'], { env })).stderr).toMatch(/--status must be one of open, won, lost, abandoned, all/);
    expect((await cli(['opportunities', 'list', '--limit', '0'], { env })).stderr).toMatch(/--limit must be an integer from 1 to 10000/);
    expect((await cli(['opportunities', 'get'], { env })).stderr).toMatch(/needs an OPPORTUNITY_ID/);
    expect((await cli(['opportunities', 'delete', 'x'], { env })).code).toBe(2);
    expect(sim.stats.apiRequests).toBe(0);
  });
});

describe('ghl pipelines', () => {
  it('lists the pipelines with their stages; --json prints them as GHL returns them', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const [pipeline] = sim.opportunities.pipelines.list();
    const run = await cli(['pipelines', 'list'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`1 pipeline(s)\n  ${pipeline?.id}  Sales Pipeline\n    ${pipeline?.stages[0]?.id}  New Lead\n`);
    expect(JSON.parse((await cli(['pipelines', 'list', '--json'], { env })).stdout)).toEqual([pipeline]);
    expect((await cli(['pipelines'], { env })).code).toBe(2);
  });
});
