/**
 * The protocol between a fleet test and its worker processes: the worker prints one JSON object per
 * line on stdout (`{ ready: true }` first), waits for `go` on stdin, then prints its report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A running worker; each `next()` resolves to its next stdout JSON line (rejects once it exited). */
export interface WorkerProcess {
  child: ChildProcess;
  next: () => Promise<Record<string, unknown>>;
}

/** Starts `script` under tsx with `env` on top of this process's; added to `children` for cleanup. */
export function spawnWorker(script: string, env: Record<string, string>, children: ChildProcess[]): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const queue: Array<Record<string, unknown>> = [];
  const waiting: Array<{ resolve: (line: Record<string, unknown>) => void; reject: (error: Error) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return; // not ours (a stray warning)
    const parsed = JSON.parse(line) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(parsed);
    else queue.push(parsed);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of waiting.splice(0)) waiter.reject(new Error(`worker exited (${signal ?? code}) before answering: ${stderr.slice(-2000)}`));
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const line = queue.shift();
      if (line) return resolve(line);
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`worker exited (${child.signalCode ?? child.exitCode}): ${stderr.slice(-2000)}`));
      waiting.push({ resolve, reject });
    });
  return { child, next };
}

/** Worker side: one JSON line on stdout. */
export function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Worker side: says `{ ready: true }` and resolves when the test writes `go` on stdin. */
export async function readyThenGo(): Promise<void> {
  print({ ready: true });
  await new Promise<void>((resolve) => {
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      if (line.trim() === 'go') {
        lines.close();
        resolve();
      }
    });
  });
}
