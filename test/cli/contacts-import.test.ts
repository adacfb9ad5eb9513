import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, simulator, tempDir } from './helpers.js';

const WINDOW = { max: 40, intervalMs: 1_000 };

async function pitEnv() {
  const sim = await simulator({ rateLimit: WINDOW });
  const dir = await tempDir();
  const env = { GHL_BASE_URL: sim.url, GHL_LOCATION_ID: sim.locationId, GHL_ACCESS_TOKEN: sim.issuePrivateIntegrationToken(), GHL_TOKEN_FILE: join(dir, 'tokens.json') };
  return { sim, dir, env };
}

describe('ghl contacts import', () => {
  it('imports a CSV: good rows sent and tagged, bad rows reported by row and field and written to the rejected file', async () => {
    const { sim, dir, env } = await pitEnv();
    await writeFile(
      join(dir, 'users.csv'),
      'Email,First Name,Last Name,Tags\nada@example.com,Ada,Lovelace,vip;beta\ngrace@example.com,Grace,Hopper,\nnot-an-email,Bad,Row,\n\nalan@example.com,Alan,Turing,\n',
    );
    const run = await cli(['contacts', 'import', 'users.csv', '--tag', 'imported'], { env, cwd: dir });

    expect(run.code).toBe(1); // a row was rejected
    expect(run.stdout).toMatch(/Import finished\./);
    expect(run.stdout).toMatch(/created\s+3/);
    expect(run.stdout).toMatch(/rejected\s+1/);
    expect(run.stdout).toMatch(/row 3: .*email/);
    const contacts = sim.contacts.list();
    expect(contacts.map((c) => c.email).sort()).toEqual(['ada@example.com', 'alan@example.com', 'grace@example.com']);
    expect(contacts.find((c) => c.email === 'ada@example.com')).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(contacts.find((c) => c.email === 'ada@example.com')?.tags.sort()).toEqual(['beta', 'imported', 'vip']);

    const rejected = (await readFile(join(dir, 'users.csv.rejected.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rejected).toEqual([expect.objectContaining({ row: 3, error: 'GHLValidationError', fields: [expect.objectContaining({ path: 'email' })] })]);

    // Not a terminal: progress is JSON lines on stderr, the last one at the end.
    const progress = run.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(progress.at(-1)).toMatchObject({ event: 'progress', done: 4, total: 4, created: 3, failed: 1, rateLimited: 0 });
    expect(sim.stats.rateLimited).toBe(0);
  });

  it('imports JSON lines with --map and --json; a re-run updates and duplicates nothing', async () => {
    const { sim, dir, env } = await pitEnv();
    await writeFile(join(dir, 'users.jsonl'), '{"mail":"a@example.com","given":"A"}\n{"mail":"b@example.com"}\nnot json\n');
    const first = await cli(['contacts', 'import', 'users.jsonl', '--map', 'email=mail,firstName=given', '--json'], { env, cwd: dir });
    const report = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ total: 3, created: 2, updated: 0, failed: [{ row: 3, error: 'GHLValidationError' }] });
    expect(sim.contacts.list().find((c) => c.email === 'a@example.com')?.firstName).toBe('A');

    const second = JSON.parse((await cli(['contacts', 'import', 'users.jsonl', '--map', 'email=mail,firstName=given', '--json'], { env, cwd: dir })).stdout) as Record<string, unknown>;
    expect(second).toMatchObject({ created: 0, updated: 2 });
    expect(sim.contacts.list()).toHaveLength(2);
  });

  it('--dry-run validates every row and sends nothing (no credentials needed)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'users.csv'), 'email\nok@example.com\nbroken\n');
    const run = await cli(['contacts', 'import', 'users.csv', '--dry-run'], { env: {}, cwd: dir });
    expect(run.stdout).toMatch(/Dry run: nothing was sent\./);
    expect(run.stdout).toMatch(/valid\s+1/);
    expect(run.stdout).toMatch(/row 2: /);
    expect(run.code).toBe(1);
  });

  it('rejects a bad command line before reading or sending anything', async () => {
    const dir = await tempDir();
    expect((await cli(['contacts', 'import', 'users.xlsx', '--dry-run'], { cwd: dir })).stderr).toMatch(/\.csv or \.jsonl/);
    expect((await cli(['contacts', 'import', 'x.csv', '--map', 'nope=X', '--dry-run'], { cwd: dir })).code).toBe(2);
    expect((await cli(['contacts', 'import', 'x.csv', '--concurrency', '0', '--dry-run'], { cwd: dir })).code).toBe(2);
  });
});
