// One deployment process for the resilience scripts: builds its client the way an app does
// (GHLClient.fromEnv() from process.env, default token store, in its working directory) and then
//   calls <durationMs> <intervalMs>  makes API calls (refreshPolicy 'always': a refresh before every
//                                    call, as the original integration did) for durationMs and
//                                    prints one JSON report line; with --fork-after <ms> <count> it
//                                    also starts a copy of itself that inherits process.env (and so
//                                    the rotated tokens the store mirrored into it)
//   refresh-loop                     forced refreshes forever, printing "refreshed N" after each
//                                    (the SIGKILL script kills it at a random moment)
//   once                             one forced refresh and one API call, then a JSON report
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { GHLClient } from '../../src/index.js';

const [mode = 'once', ...rest] = process.argv.slice(2);
const name = process.env['WORKER_NAME'] ?? `pid ${process.pid}`;
const errors: Record<string, number> = {};
let calls = 0;
let failures = 0;
let lastError: string | undefined;
// Which refresh token this process was started with (a fingerprint), so the parent can tell who
// started mid-chain.
const startedWith = createHash('sha256').update(process.env['GHL_REFRESH_TOKEN'] ?? '').digest('hex').slice(0, 16);

const ghl = GHLClient.fromEnv(process.env, {
  retry: false,
  refreshPolicy: mode === 'calls' ? 'always' : 'expiring',
});

function record(error: unknown): void {
  failures++;
  const key = error instanceof Error ? error.name : 'non-Error';
  errors[key] = (errors[key] ?? 0) + 1;
  lastError = `${key}: ${error instanceof Error ? error.message : String(error)}`;
}

function report(extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ report: true, name, pid: process.pid, startedWith, calls, failures, errors, lastError, ...extra }));
}

async function call(): Promise<boolean> {
  calls++;
  try {
    await ghl.contacts.search({ pageLimit: 1 });
    return true;
  } catch (error) {
    record(error);
    return false;
  }
}

if (mode === 'calls') {
  const [durationMs = '8000', intervalMs = '50', flag, forkAfter, forkCount] = rest;
  if (flag === '--fork-after' && Number(forkCount) > 0) {
    setTimeout(() => {
      // A fork inherits this process's environment as it is now: the store mirrors every rotation
      // into process.env, so the child starts with a mid-chain refresh token.
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1] as string, 'calls', durationMs, intervalMs, flag, forkAfter as string, String(Number(forkCount) - 1)], {
        env: { ...process.env, WORKER_NAME: `${name}+fork` },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.unref();
    }, Number(forkAfter));
  }
  const ends = Date.now() + Number(durationMs);
  let lastOk = false;
  while (Date.now() < ends) {
    lastOk = await call();
    await new Promise((resolve) => setTimeout(resolve, Number(intervalMs)));
  }
  report({ broken: !lastOk });
} else if (mode === 'refresh-loop') {
  for (let n = 1; ; n++) {
    await ghl.tokens.refresh();
    console.log(`refreshed ${n}`);
  }
} else {
  // Timed inside the process: how long taking the lock, refreshing and calling took, start-up excluded.
  const started = performance.now();
  try {
    await ghl.tokens.refresh();
  } catch (error) {
    record(error);
  }
  const ok = (await call()) && failures === 0;
  report({ broken: !ok, tookMs: Math.round(performance.now() - started) });
}
