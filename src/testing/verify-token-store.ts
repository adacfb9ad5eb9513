import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { TokenSet } from '../auth/token-set.js';
import { GHLError } from '../errors.js';
import type { TokenStore } from '../stores/token-store.js';

export interface VerifyTokenStoreOptions {
  /** Prefix of the random keys the checks use, so they never collide with real data. @default 'ghl-sdk-verify:' */
  prefix?: string | undefined;
  /** Concurrent `withLock` callers in the mutual-exclusion check. @default 20 */
  concurrency?: number | undefined;
  /** Per-check time limit in ms: a lock that never releases fails its check instead of hanging. @default 5_000 */
  timeoutMs?: number | undefined;
  /** Throw a `GHLError` naming every failed check instead of only reporting. @default false */
  throwOnFailure?: boolean | undefined;
}

export interface StoreCheck {
  name: string;
  ok: boolean;
  /** Why it failed. Never contains token values. */
  error?: string;
  /** True when the store lacks the optional method the check needs (`delete`, `withLock`). */
  skipped?: boolean;
}

export interface StoreReport {
  /** True when no check failed (skipped checks count as passed). */
  ok: boolean;
  checks: StoreCheck[];
}

/** Fails a check with a message. */
class CheckFailed extends Error {}

/**
 * Conformance kit for a custom `TokenStore`: run it in your own test suite. It checks what the SDK
 * relies on — exact round trips (a lost `refreshToken` is a dead integration: GHL refresh tokens are
 * single-use, ghl-api.md §1.3), `null` for unknown keys, isolation, whole-set overwrite, `delete`, and
 * for `withLock` real mutual exclusion, value/error propagation and release after a throw. It uses
 * fresh random keys and deletes them afterwards when the store can.
 */
export async function verifyTokenStore(store: TokenStore, options: VerifyTokenStoreOptions = {}): Promise<StoreReport> {
  const prefix = options.prefix ?? 'ghl-sdk-verify:';
  const timeoutMs = options.timeoutMs ?? 5_000;
  const used: string[] = [];
  const key = (): string => {
    const k = `${prefix}${randomUUID()}`;
    used.push(k);
    return k;
  };
  const checks: StoreCheck[] = [];
  /** Runs one check; no body means the store lacks the optional method it needs. */
  const run = async (name: string, body: (() => Promise<void>) | undefined): Promise<void> => {
    if (!body) return void checks.push({ name, ok: true, skipped: true });
    try {
      await withTimeout(body(), timeoutMs);
      checks.push({ name, ok: true });
    } catch (error) {
      checks.push({ name, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  await run('round trip keeps every field', async () => {
    const k = key();
    const tokens = sampleTokens();
    await store.set(k, tokens);
    expectTokens(await store.get(k), tokens, 'get after set');
  });
  await run('round trip of a Private Integration Token (access token only)', async () => {
    const k = key();
    const tokens: TokenSet = { accessToken: `pit-${randomUUID()}` };
    await store.set(k, tokens);
    expectTokens(await store.get(k), tokens, 'get after set');
  });
  await run('unknown key returns null', async () => {
    const value = await store.get(key());
    if (value !== null) throw new CheckFailed(`get of an unknown key returned ${value === undefined ? 'undefined' : 'a value'}, expected null`);
  });
  await run('keys are isolated', async () => {
    const [a, b] = [key(), key()];
    const [tokensA, tokensB] = [sampleTokens(), sampleTokens()];
    await store.set(a, tokensA);
    await store.set(b, tokensB);
    expectTokens(await store.get(a), tokensA, 'first key');
    expectTokens(await store.get(b), tokensB, 'second key');
  });
  await run('set replaces the whole token set', async () => {
    const k = key();
    await store.set(k, sampleTokens());
    // A rotated set without a scope: a merging store would keep the stale scope.
    const { scope: _scope, ...rotated } = sampleTokens();
    await store.set(k, rotated);
    expectTokens(await store.get(k), rotated, 'get after overwrite');
  });
  const remove = store.delete?.bind(store);
  await run(
    'delete removes the key and ignores unknown keys',
    remove &&
      (async () => {
        const k = key();
        await store.set(k, sampleTokens());
        await remove(k);
        if ((await store.get(k)) !== null) throw new CheckFailed('get after delete did not return null');
        await remove(key());
      }),
  );

  const withLock = store.withLock?.bind(store);
  const lockChecks = withLock ? lockCheckBodies(withLock, key, options.concurrency ?? 20, timeoutMs) : undefined;
  for (const name of LOCK_CHECKS) await run(name, lockChecks?.[name]);

  if (remove) await Promise.allSettled(used.map((k) => remove(k)));

  const failed = checks.filter((check) => !check.ok);
  const report: StoreReport = { ok: failed.length === 0, checks };
  if (options.throwOnFailure && !report.ok) {
    throw new GHLError(`TokenStore failed ${failed.length} conformance check(s): ${failed.map((c) => `${c.name} (${c.error ?? 'failed'})`).join('; ')}`);
  }
  return report;
}

const LOCK_CHECKS = [
  'withLock excludes concurrent callers',
  'withLock returns the value of fn',
  'withLock propagates errors and releases the lock after a throw',
] as const;

type WithLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/** The `withLock` checks, keyed by name. */
function lockCheckBodies(
  withLock: WithLock,
  key: () => string,
  concurrency: number,
  timeoutMs: number,
): Record<(typeof LOCK_CHECKS)[number], () => Promise<void>> {
  return {
    'withLock excludes concurrent callers': async () => {
      const k = key();
      let active = 0;
      let maxActive = 0;
      let counter = 0;
      await Promise.all(
        Array.from({ length: concurrency }, () =>
          withLock(k, async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            const seen = counter;
            await new Promise((resolve) => setTimeout(resolve, 2));
            counter = seen + 1; // a lost update if another holder ran in the gap
            active--;
          }),
        ),
      );
      if (maxActive > 1 || counter !== concurrency) {
        throw new CheckFailed(`${maxActive} callers held the lock at once; ${concurrency - counter} of ${concurrency} increments were lost`);
      }
    },
    'withLock returns the value of fn': async () => {
      const value = await withLock(key(), async () => 42);
      if (value !== 42) throw new CheckFailed(`withLock resolved to ${String(value)}, expected fn's 42`);
    },
    'withLock propagates errors and releases the lock after a throw': async () => {
      const k = key();
      const thrown = new Error('verifyTokenStore probe');
      const caught = await withLock(k, async () => {
        throw thrown;
      }).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (caught !== thrown) throw new CheckFailed('withLock did not reject with the error fn threw');
      // Half the check's budget, so this (more telling) message wins over the generic timeout.
      const after = await withTimeout(withLock(k, async () => 'again'), Math.min(timeoutMs / 2, 2_000), 'the lock was not released after fn threw');
      if (after !== 'again') throw new CheckFailed("withLock after a throw did not return fn's value");
    },
  };
}

/** Every TokenSet field filled, with random values so two samples always differ. */
function sampleTokens(): TokenSet {
  return {
    accessToken: `verify-access-${randomUUID()}`,
    refreshToken: `verify-refresh-${randomUUID()}`,
    expiresAt: Date.now() + 86_399_000 + Math.floor(Math.random() * 1000),
    scope: 'contacts.readonly contacts.write',
    userType: 'Location',
    locationId: `loc-${randomUUID()}`,
    companyId: `co-${randomUUID()}`,
  };
}

/** Compares field by field (absent and `undefined` are the same) and names fields, never values. */
function expectTokens(actual: TokenSet | null, expected: TokenSet, what: string): void {
  if (actual === null || typeof actual !== 'object') throw new CheckFailed(`${what}: got ${actual === null ? 'null' : typeof actual}, expected the token set`);
  const fields = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const differing = [...fields].filter((field) => !isDeepStrictEqual((actual as unknown as Record<string, unknown>)[field], (expected as unknown as Record<string, unknown>)[field]));
  if (differing.length > 0) throw new CheckFailed(`${what}: field(s) ${differing.join(', ')} differ from what was set`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message = `did not settle within ${ms} ms`): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
