import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GHLClient } from '../../src/client.js';
import { DurableEnvTokenStore } from '../../src/stores/durable-env.js';
import { EnvTokenStore } from '../../src/stores/env.js';
import { MemoryTokenStore } from '../../src/stores/memory.js';
import type { TokenStore } from '../../src/stores/token-store.js';
import { createGHLSimulator, type GHLSimulator } from '../../src/testing/index.js';

let sim: GHLSimulator;
let dir: string;
beforeAll(async () => {
  sim = await createGHLSimulator({ rateLimit: false });
});
afterAll(() => sim.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghl-warn-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every token the simulator and the test saw, to prove none reached a log line. */
const seen = new Set<string>();

function setup(store: (env: Record<string, string | undefined>) => TokenStore) {
  const issued = sim.issueTokens();
  seen.add(issued.accessToken).add(issued.refreshToken);
  const env: Record<string, string | undefined> = { GHL_LOCATION_ID: sim.locationId, GHL_REFRESH_TOKEN: issued.refreshToken };
  const lines: Array<[level: string, message: string]> = [];
  const at = (level: string) => (message: string) => void lines.push([level, message]);
  const ghl = new GHLClient({
    env,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    baseUrl: sim.url,
    tokenStore: store(env),
    retry: false,
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
  });
  const warnings = () => lines.filter(([level]) => level === 'warn').map(([, message]) => message);
  const remember = async () => {
    const status = await ghl.tokens.status();
    expect(status.hasTokens).toBe(true);
    seen.add(sim.currentRefreshToken() ?? '');
  };
  return { ghl, lines, warnings, remember };
}

function expectNoToken(lines: Array<[string, string]>) {
  for (const [, message] of lines) for (const token of seen) if (token) expect(message).not.toContain(token);
}

describe('the memory-only warning', () => {
  it('a plain EnvTokenStore: one warning at the first rotation, naming the risk and the fixes, never a token', async () => {
    const { ghl, lines, warnings, remember } = setup((env) => new EnvTokenStore({ env }));
    await ghl.tokens.refresh();
    await remember();
    await ghl.tokens.refresh();
    await ghl.location('other-location').tokens.status();
    await remember();

    expect(warnings()).toHaveLength(1);
    const [warning] = warnings();
    expect(warning).toContain('memory only');
    expect(warning).toContain('invalid_grant');
    for (const fix of ['GHL_ENV_FILE', 'FileTokenStore', 'RedisTokenStore', 'envFile']) expect(warning).toContain(fix);
    expectNoToken(lines);
    expect(sim.stats.invalidGrants).toBe(0);
  });

  it('the default store whose folder cannot be written: calls keep working, one warning says why', async () => {
    await writeFile(join(dir, 'a-file'), '');
    const tokenFile = join(dir, 'a-file', 'ghl', 'tokens.json');
    const { ghl, lines, warnings, remember } = setup((env) => new DurableEnvTokenStore({ env, tokenFile, issuer: sim.url }));
    await ghl.tokens.refresh();
    await ghl.tokens.refresh();
    await remember();
    await expect(ghl.contacts.search({ pageLimit: 1 })).resolves.toMatchObject({ total: expect.any(Number) });

    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(`cannot write ${tokenFile}`);
    expectNoToken(lines);
    expect(sim.stats.invalidGrants).toBe(0);
  });

  it('no warning for a durable store, nor for stores that do not say (MemoryTokenStore is a deliberate choice)', async () => {
    const durable = setup((env) => new DurableEnvTokenStore({ env, cwd: dir, issuer: sim.url }));
    await durable.ghl.tokens.refresh();
    expect(durable.warnings()).toEqual([]);

    const memory = setup(() => new MemoryTokenStore({ [sim.locationId]: sim.issueTokens({ accessTokenTtlMs: 0 }) }));
    await memory.ghl.tokens.refresh();
    expect(memory.warnings()).toEqual([]);
  });

  it("still calls the user's onTokensRefreshed hook after the warning", async () => {
    const calls: string[] = [];
    const issued = sim.issueTokens();
    const env = { GHL_LOCATION_ID: sim.locationId, GHL_REFRESH_TOKEN: issued.refreshToken };
    const ghl = new GHLClient({
      env,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      baseUrl: sim.url,
      onTokensRefreshed: (_tokens, key) => void calls.push(key),
    });
    await ghl.tokens.refresh();
    expect(calls).toEqual([sim.locationId]);
  });
});
