import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GHLSimulatorStats, IssuedTokens, IssueTokensOptions } from '../../src/testing/index.js';
import { DIST } from './paths.js';

export interface SimInfo {
  url: string;
  clientId: string;
  clientSecret: string;
  locationId: string;
  companyId: string;
}

/** The simulator running in a child process (bench/lib/sim-child.mjs), driven over IPC. */
export interface RemoteSim extends SimInfo {
  issueTokens(options?: IssueTokensOptions): Promise<IssuedTokens>;
  seedContacts(count: number): Promise<string[]>;
  /** `count` opportunities in the location's default pipeline; resolves with how many it holds. */
  seedOpportunities(count: number): Promise<number>;
  stats(): Promise<GHLSimulatorStats>;
  resetStats(): Promise<void>;
  expireAccessTokens(): Promise<void>;
  currentRefreshToken(): Promise<string | null>;
  /** The child's process.cpuUsage(), in µs. */
  cpu(): Promise<NodeJS.CpuUsage>;
  /** Contacts held, and how many distinct emails they carry (the difference is duplicates). */
  contactCounts(): Promise<{ contacts: number; uniqueEmails: number }>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sim-child.mjs', import.meta.url));

export async function startSim(options: { accessTokenTtlMs?: number; rateLimit?: { max: number; intervalMs: number } | false } = {}): Promise<RemoteSim> {
  const child: ChildProcess = fork(CHILD, [DIST, JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited = false;

  const info = await new Promise<SimInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('simulator child did not start within 20 s')), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator child exited with ${code}`));
    });
    child.on('message', (message: { ready?: SimInfo; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.ready);
        return;
      }
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
    });
  });
  child.on('exit', () => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error('simulator child exited'));
    pending.clear();
  });

  const call = <T>(cmd: string, args?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) {
        reject(new Error('simulator child has exited'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, cmd, args });
    });

  return {
    ...info,
    issueTokens: (options) => call('issueTokens', options),
    seedContacts: (count) => call('seedContacts', { count }),
    seedOpportunities: (count) => call('seedOpportunities', { count }),
    stats: () => call('stats'),
    resetStats: () => call('resetStats'),
    expireAccessTokens: () => call('expireAccessTokens'),
    currentRefreshToken: () => call('currentRefreshToken'),
    cpu: () => call('cpu'),
    contactCounts: () => call('contactCounts'),
    close: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('close').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
