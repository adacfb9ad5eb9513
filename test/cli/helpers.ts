import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { createGHLSimulator, type GHLSimulator, type GHLSimulatorOptions } from '../../src/testing/index.js';

/** A string sink with everything written so far. */
export class Capture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process. */
export async function cli(argv: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { env: options.env ?? {}, stdout, stderr, cwd: options.cwd ?? (await tempDir()) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A fresh directory, removed after the test: the CLI's working directory, so nothing lands in the repo. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ghl-cli-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A simulator closed after the test. */
export async function simulator(options: GHLSimulatorOptions = {}): Promise<GHLSimulator> {
  const sim = await createGHLSimulator(options);
  cleanups.push(() => sim.close());
  return sim;
}

/** The app's settings for `sim`, without tokens. */
export function appEnv(sim: GHLSimulator): Record<string, string> {
  return { GHL_BASE_URL: sim.url, GHL_CLIENT_ID: sim.clientId, GHL_CLIENT_SECRET: sim.clientSecret, GHL_LOCATION_ID: sim.locationId };
}

/** The app's settings plus a freshly installed token pair in GHL_* variables. */
export function oauthEnv(sim: GHLSimulator, options: { accessTokenTtlMs?: number } = {}): Record<string, string> {
  const tokens = sim.issueTokens(options);
  return {
    ...appEnv(sim),
    GHL_ACCESS_TOKEN: tokens.accessToken,
    GHL_REFRESH_TOKEN: tokens.refreshToken,
    GHL_TOKEN_EXPIRES_AT: String(tokens.expiresAt),
  };
}

/**
 * The tokens the CLI saved for `sim`'s location in a JSON token file. Tokens of any server but
 * production are kept under `<location>@<base URL>` (DurableEnvTokenStore), so a simulator's
 * tokens never replace real ones.
 */
export async function savedTokens(sim: GHLSimulator, path: string): Promise<Record<string, unknown> | undefined> {
  const file = JSON.parse(await readFile(path, 'utf8')) as Record<string, Record<string, unknown>>;
  return file[`${sim.locationId}@${sim.url}`];
}
