// SIGKILL during refreshes, for each mode of the default token store: a deployment process
// refreshes in a loop (GHLClient.fromEnv(), forced refreshes against the simulator) and is killed
// with SIGKILL at a random moment; then the deployment restarts it with its original environment,
// as a process manager would, and the restarted process must refresh and make a call.
//
// Per kill it records: is the durable copy readable; does it hold the refresh token GHL (the
// simulator) considers live, or was the process killed after GHL rotated but before the new token
// reached the disk (then it existed only in the killed process's memory: no client can recover
// it, the operator re-authorises, counted as "lost in flight", not as broken); an empty lock file;
// how long the restart took and whether it worked; temp files left behind after it (each counted
// once, however many restarts saw it), and how many of those hold a credential.
//
//   npx tsx scripts/resilience/sigkill-refresh.ts [--kills 30] [--modes env-file,token-file,default] [--max-delay-ms 300]
// Exits 1 when a restart was left broken or a temp file holding a credential was left behind.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDotenv, updateDotenv } from '../../src/stores/dotenv-file.js';
import { createGHLSimulator, type GHLSimulator } from '../../src/testing/index.js';
import { collectReports, flag, spawnWorker, waitForLine } from './processes.js';

type Mode = 'env-file' | 'token-file' | 'default';

interface ModeResult {
  mode: Mode;
  kills: number;
  unreadable: number;
  emptyLocks: number;
  lostInFlight: number;
  restartsOk: number;
  broken: number;
  slowestRestartMs: number;
  slowestRefreshMs: number;
  /** Distinct temp files seen after a restart. */
  tempFilesLeft: number;
  /** Of those, the ones holding a credential (a token file's or `.env`'s copy); a lock's temp file holds only its owner. */
  tempFilesWithCredentials: number;
  invalidGrants: number;
}

const kills = Number(flag('kills', '30'));
const modes = flag('modes', 'env-file,token-file,default').split(',') as Mode[];
const maxDelayMs = Number(flag('max-delay-ms', '300'));

/** Where each mode keeps its durable copy, and how a deployment of it is configured. */
class Deployment {
  readonly dir: string;
  readonly mode: Mode;
  readonly sim: GHLSimulator;
  private env: Record<string, string>;

  constructor(mode: Mode, sim: GHLSimulator, dir: string) {
    this.mode = mode;
    this.sim = sim;
    this.dir = dir;
    this.env = {
      GHL_CLIENT_ID: sim.clientId,
      GHL_CLIENT_SECRET: sim.clientSecret,
      GHL_LOCATION_ID: sim.locationId,
      GHL_BASE_URL: sim.url,
      GHL_REFRESH_TOKEN: sim.issueTokens().refreshToken,
    };
  }

  get copyPath(): string {
    if (this.mode === 'env-file') return join(this.dir, '.env');
    if (this.mode === 'token-file') return join(this.dir, 'state', 'tokens.json');
    return join(this.dir, '.ghl', 'tokens.json');
  }

  async install(): Promise<void> {
    // env-file: the whole configuration (client secret included) lives in the .env, loaded at start.
    if (this.mode === 'env-file') await writeFile(this.copyPath, Object.entries(this.env).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 });
  }

  /** An operator re-authorising after the chain was lost: a new refresh token where they keep it. */
  async reinstall(): Promise<void> {
    const refreshToken = this.sim.issueTokens().refreshToken;
    if (this.mode === 'env-file') await writeFile(this.copyPath, updateDotenv(await readFile(this.copyPath, 'utf8'), { GHL_REFRESH_TOKEN: refreshToken }));
    else this.env = { ...this.env, GHL_REFRESH_TOKEN: refreshToken };
  }

  start(args: string[]) {
    if (this.mode === 'env-file') return spawnWorker(args, { cwd: this.dir, env: { GHL_ENV_FILE: '.env' }, envFile: this.copyPath });
    return spawnWorker(args, { cwd: this.dir, env: this.mode === 'token-file' ? { ...this.env, GHL_TOKEN_FILE: 'state/tokens.json' } : this.env });
  }

  /** The refresh token in the durable copy, or undefined when it cannot be read. */
  async storedRefreshToken(): Promise<string | null | undefined> {
    let text: string;
    try {
      text = await readFile(this.copyPath, 'utf8');
    } catch {
      return null;
    }
    try {
      if (this.mode === 'env-file') return parseDotenv(text).get('GHL_REFRESH_TOKEN') ?? null;
      const entry = (JSON.parse(text) as Record<string, { refreshToken?: string }>)[`${this.sim.locationId}@${this.sim.url}`];
      return entry?.refreshToken ?? null;
    } catch {
      return undefined;
    }
  }

  /** Files next to the copy (and in its lock folder) that a crash may leave: temp files and lock files. */
  async leftovers(): Promise<{ temps: string[]; locks: string[] }> {
    const folder = join(this.copyPath, '..');
    const names = await readdir(folder).catch(() => [] as string[]);
    return { temps: names.filter((name) => name.endsWith('.tmp')), locks: names.filter((name) => name.endsWith('.lock')) };
  }
}

async function runMode(mode: Mode): Promise<ModeResult> {
  const sim = await createGHLSimulator({ rateLimit: false });
  const dir = await mkdtemp(join(tmpdir(), `ghl-sigkill-${mode}-`));
  const deployment = new Deployment(mode, sim, dir);
  const result: ModeResult = { mode, kills: 0, unreadable: 0, emptyLocks: 0, lostInFlight: 0, restartsOk: 0, broken: 0, slowestRestartMs: 0, slowestRefreshMs: 0, tempFilesLeft: 0, tempFilesWithCredentials: 0, invalidGrants: 0 };
  const seenTemps = new Set<string>();
  try {
    await deployment.install();
    for (let i = 0; i < kills; i++) {
      const victim = deployment.start(['refresh-loop']);
      const exited = new Promise((resolve) => victim.once('exit', resolve));
      await waitForLine(victim, 'refreshed 1');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * maxDelayMs));
      victim.kill('SIGKILL');
      await exited;
      result.kills++;

      const stored = await deployment.storedRefreshToken();
      if (stored === undefined) result.unreadable++;
      for (const lock of (await deployment.leftovers()).locks) {
        if ((await readFile(join(deployment.copyPath, '..', lock), 'utf8').catch(() => 'gone')) === '') result.emptyLocks++;
      }
      const lost = stored !== sim.currentRefreshToken();
      const grantsBefore = sim.stats.invalidGrants;

      const started = performance.now();
      const [report] = await collectReports(deployment.start(['once']));
      const ms = performance.now() - started;
      result.slowestRestartMs = Math.max(result.slowestRestartMs, ms);
      result.slowestRefreshMs = Math.max(result.slowestRefreshMs, report?.tookMs ?? 0);
      if (lost) {
        // The new refresh token died with the process: the restart must fail, cleanly, asking to re-authorise.
        result.lostInFlight++;
        result.invalidGrants += sim.stats.invalidGrants - grantsBefore;
        if (!report?.broken || !/GHLReauthRequiredError/.test(report.lastError ?? '')) result.broken++;
        await deployment.reinstall();
        const [again] = await collectReports(deployment.start(['once']));
        if (again?.broken) result.broken++;
      } else if (report && !report.broken) {
        result.restartsOk++;
        result.invalidGrants += sim.stats.invalidGrants - grantsBefore;
      } else {
        result.broken++;
        result.invalidGrants += sim.stats.invalidGrants - grantsBefore;
        console.log(`  ${mode} kill ${i + 1}: restart BROKEN after ${Math.round(ms)} ms: ${report?.lastError ?? 'no report'}`);
      }
      for (const name of (await deployment.leftovers()).temps) {
        if (seenTemps.has(name)) continue;
        seenTemps.add(name);
        const text = await readFile(join(deployment.copyPath, '..', name), 'utf8').catch(() => '');
        const holdsCredential = text.includes(sim.clientSecret) || /refresh_?token/i.test(text);
        result.tempFilesLeft++;
        if (holdsCredential) result.tempFilesWithCredentials++;
        console.log(`  ${mode} kill ${i + 1}: left after the restart: ${name} (${text.length} bytes${holdsCredential ? ', HOLDS A CREDENTIAL' : ''})`);
      }
    }
  } finally {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}

const results = await Promise.all(modes.map(runMode));
console.log(`SIGKILL during refreshes: ${kills} kills per mode, each at a random moment up to ${maxDelayMs} ms into a loop of forced refreshes, then a restart with the original environment`);
console.log('mode        kills  copy unreadable  empty lock  lost in flight  restarts ok  broken  slowest restart (refresh+call / whole process)  temp files left  with a credential  invalid_grant');
for (const r of results) {
  console.log(
    `${r.mode.padEnd(11)} ${String(r.kills).padStart(5)}  ${String(r.unreadable).padStart(15)}  ${String(r.emptyLocks).padStart(10)}  ${String(r.lostInFlight).padStart(14)}  ${String(r.restartsOk).padStart(11)}  ${String(r.broken).padStart(6)}  ${`${r.slowestRefreshMs} ms / ${Math.round(r.slowestRestartMs)} ms`.padStart(46)}  ${String(r.tempFilesLeft).padStart(15)}  ${String(r.tempFilesWithCredentials).padStart(17)}  ${String(r.invalidGrants).padStart(13)}`,
  );
}
const broken = results.reduce((sum, r) => sum + r.broken + r.unreadable, 0);
console.log('lost in flight: killed after GHL rotated the refresh token and before the new one was on disk; it existed only in the killed');
console.log('process, so the restart fails cleanly (GHLReauthRequiredError, the one invalid_grant counted) and works after re-authorising.');
const credentialTemps = results.reduce((sum, r) => sum + r.tempFilesWithCredentials, 0);
console.log(`processes left broken: ${broken}`);
console.log(`temp files holding a credential left behind: ${credentialTemps}`);
process.exitCode = broken === 0 && credentialTemps === 0 ? 0 : 1;
