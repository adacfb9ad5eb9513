import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** tsx's loader as a file URL: `--import tsx` would resolve against the child's cwd (a temp folder). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface WorkerReport {
  name: string;
  pid: number;
  /** Fingerprint of the GHL_REFRESH_TOKEN the process started with. */
  startedWith: string;
  calls: number;
  failures: number;
  errors: Record<string, number>;
  lastError?: string;
  broken: boolean;
  /** `once`: milliseconds from the start of the refresh to the end of the call (process start-up excluded). */
  tookMs?: number;
}

/** The fingerprint `worker.ts` reports for the refresh token it started with. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}

/** `--name value` from the command line, or the default. */
export function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
}

/**
 * Starts `worker.ts` as a real separate process running the TypeScript sources. Its environment is
 * PATH and HOME plus `env`; with `envFile` Node loads that dotenv file at start (`--env-file`).
 */
export function spawnWorker(args: string[], options: { cwd: string; env: Record<string, string>; envFile?: string }): ChildProcess {
  const nodeArgs = [...(options.envFile ? [`--env-file=${options.envFile}`] : []), '--import', TSX_LOADER, WORKER, ...args];
  return spawn(process.execPath, nodeArgs, {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...options.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves once the worker printed a line starting with `marker`; rejects if it exits first. */
export function waitForLine(child: ChildProcess, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      if (seen.split('\n').some((line) => line.startsWith(marker))) {
        child.stdout?.off('data', onData);
        child.stdout?.resume(); // keep draining: a full pipe would block the worker
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before printing "${marker}": ${seen.slice(-500)}`)));
  });
}

/** Every JSON report line the worker (and any process it forked) printed, once it exits. */
export function collectReports(child: ChildProcess): Promise<WorkerReport[]> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  // Forked grandchildren share the pipe: wait for it to close, not only for the child to exit.
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('close', () =>
      resolve(
        stdout
          .split('\n')
          .filter((line) => line.startsWith('{"report":true'))
          .map((line) => JSON.parse(line) as WorkerReport),
      ),
    );
  });
}
