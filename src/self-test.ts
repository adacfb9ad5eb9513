// `ghl.selfTest()`: configuration, a real token refresh, a read call; each step reported, none thrown.
import type { GHLTokens } from './auth/tokens-api.js';
import { GHLConfigError } from './errors.js';
import type { CallOptions } from './http/transport.js';
import { describeError } from './logger.js';

export interface SelfTestStep {
  name: 'config' | 'token' | 'api';
  ok: boolean;
  /** False when an earlier step failed and this one did not run. */
  ran: boolean;
  durationMs: number;
  detail: string;
}

export interface SelfTestReport {
  ok: boolean;
  steps: SelfTestStep[];
}

/** What the self-test uses of the client. */
export interface SelfTestSubject {
  status(): Promise<{ configured: boolean; missing: string[]; locationId: string; baseUrl: string }>;
  tokens: GHLTokens;
  now: () => number;
  /** The read call: a one-contact search, answering with the number of contacts visible. */
  searchContacts(call: CallOptions | undefined): Promise<{ total: number }>;
}

export async function runSelfTest(client: SelfTestSubject, call?: CallOptions): Promise<SelfTestReport> {
  const steps: SelfTestStep[] = [];
  const run = async (name: SelfTestStep['name'], fn: () => Promise<string>): Promise<boolean> => {
    if (steps.some((step) => !step.ok)) {
      steps.push({ name, ok: false, ran: false, durationMs: 0, detail: 'skipped: an earlier step failed' });
      return false;
    }
    const started = performance.now();
    try {
      const detail = await fn();
      steps.push({ name, ok: true, ran: true, durationMs: Math.round(performance.now() - started), detail });
      return true;
    } catch (error) {
      steps.push({ name, ok: false, ran: true, durationMs: Math.round(performance.now() - started), detail: describeError(error) });
      return false;
    }
  };
  await run('config', async () => {
    const status = await client.status();
    if (!status.configured) throw new GHLConfigError(`missing ${status.missing.join(', ')}`, { missing: status.missing });
    return `location ${status.locationId} at ${status.baseUrl}`;
  });
  await run('token', async () => {
    const state = await client.tokens.status();
    if (!state.refreshable) {
      await client.tokens.getAccessToken();
      return 'Private Integration Token (not refreshable): used as is';
    }
    const tokens = await client.tokens.refresh();
    const minutes = tokens.expiresAt === undefined ? 'unknown' : `${Math.round((tokens.expiresAt - client.now()) / 60_000)} min`;
    return `refreshed; the new token expires in ${minutes}; the rotated refresh token was saved`;
  });
  await run('api', async () => {
    const result = await client.searchContacts(call);
    return `contacts search answered: ${result.total} contact(s) visible`;
  });
  return { ok: steps.every((step) => step.ok), steps };
}
