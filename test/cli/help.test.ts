import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const COMMANDS = ['status', 'test', 'auth', 'contacts', 'notes', 'opportunities', 'pipelines', 'calendars', 'slots', 'appointments', 'messages', 'locations', 'demo'];

describe('ghl --help and usage errors', () => {
  it('lists every command and documents the exit codes', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const name of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
    expect(run.stdout).toMatch(/0\s+success/);
    expect(run.stdout).toMatch(/1\s+GHL, the network or the token store failed/);
    expect(run.stdout).toMatch(/2\s+bad command line, invalid input or missing configuration/);
    expect(run.stderr).toBe('');
  });

  it.each(COMMANDS)('ghl %s --help prints that command’s help (no configuration needed)', async (name) => {
    const run = await cli([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Usage:[\\s\\S]*ghl ${name}`));
    expect(run.stdout).toContain('Exit codes:');
    expect((await cli(['help', name])).stdout).toBe(run.stdout);
    expect((await cli([name, '-h'])).stdout).toBe(run.stdout);
  });

  it('without a command prints the help on stderr and exits 2', async () => {
    const run = await cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: ghl <command>');
  });

  it('rejects an unknown command, option, subcommand or argument with one line and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /^ghl: unknown command "frobnicate" \(see `ghl --help`\)\n$/],
      [['status', '--bogus'], /^ghl: unknown option "--bogus" \(see `ghl status --help`\)\n$/],
      [['status', '-x'], /^ghl: unknown option "-x" \(see `ghl status --help`\)\n$/],
      [['status', '--json=yes'], /^ghl: option "--json" takes no value \(see `ghl status --help`\)\n$/],
      [['status', '--token-file'], /^ghl: option "--token-file" needs a value \(see `ghl status --help`\)\n$/],
      [['status', 'extra'], /^ghl: unexpected argument "extra" \(see `ghl status --help`\)\n$/],
      [['contacts'], /^ghl: missing subcommand: create, get, search or import \(see `ghl contacts --help`\)\n$/],
      [['contacts', 'delete'], /^ghl: unknown subcommand "delete"/],
      [['contacts', 'get'], /needs a CONTACT_ID/],
      [['contacts', 'search', '--limit', '0'], /--limit must be an integer from 1 to 500/],
      [['auth', '--port', '99999'], /--port must be an integer from 0 to 65535/],
      [['auth', '--port', '1', '--redirect-uri', 'http://127.0.0.1:1/cb'], /not both/],
      [['auth', '--redirect-uri', 'https://example.com/cb'], /must be http:\/\/127\.0\.0\.1/],
      [['auth', '--scopes', ' '], /--scopes needs at least one scope/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv);
      expect({ argv, code: run.code }).toEqual({ argv, code: 2 });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('reports a usage error as JSON on stdout under --json', async () => {
    const run = await cli(['status', '--json', '--bogus']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ ok: false, error: { name: 'UsageError', message: 'unknown option "--bogus"' } });
  });

  it('ghl --version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await cli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `ghl-sdk ${version}\n`, stderr: '' });
    expect(run.stdout).toMatch(/^ghl-sdk \d+\.\d+\.\d+/);
    expect((await cli(['--help'])).stdout).toContain('ghl --version');
  });
});
