/**
 * One instance of a fleet, run as a real child process by fleet.test.ts:
 * `node --import tsx test/redis/fleet-worker.ts` with its settings in the environment.
 *
 * - `WORKER_MODE=fleet`: builds a GHLClient over a RedisTokenStore, prints `{"ready":true}`, waits for
 *   a `go` line on stdin (so every instance starts at once, after its cold start), fires `CALLS`
 *   concurrent contacts.get / contacts.search calls, prints `{"ok":n,"failed":n,"errors":[…]}`, exits.
 * - `WORKER_MODE=hold`: starts a refresh (its token endpoint never answers) and just hangs inside the
 *   refresh lock, to be killed with SIGKILL by the test.
 */
import { Redis } from 'ioredis';
import { GHLClient } from '../../src/client.js';
import { RedisTokenStore } from '../../src/redis/index.js';
import { print, readyThenGo } from './worker-process.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`fleet-worker: ${name} is not set`);
  return value;
};

const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: 1 });
const ghl = new GHLClient({
  locationId: env('LOCATION_ID'),
  clientId: env('CLIENT_ID'),
  clientSecret: env('CLIENT_SECRET'),
  baseUrl: env('GHL_BASE_URL'),
  tokenStore: new RedisTokenStore({ client: redis, prefix: env('PREFIX'), lockTtlMs: Number(env('LOCK_TTL_MS')) }),
});


if (env('WORKER_MODE') === 'hold') {
  // Never settles while the black-hole token endpoint holds the request; the test kills us.
  void ghl.tokens.refresh().catch(() => undefined);
  print({ refreshing: true });
} else {
  const calls = Number(env('CALLS'));
  const contactId = env('CONTACT_ID');
  // Warm what the first call would load lazily (ky), and the Redis connection, so the timed part
  // measures the fleet, not cold starts.
  await Promise.all([import('ky'), redis.ping()]);
  await readyThenGo();
  const results = await Promise.allSettled(
    Array.from({ length: calls }, (_, i) => (i % 2 === 0 ? ghl.contacts.get(contactId) : ghl.contacts.search({ query: 'fleet' }))),
  );
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [`${(result.reason as Error).name}: ${(result.reason as Error).message}`] : []));
  print({ ok: results.length - errors.length, failed: errors.length, errors: [...new Set(errors)] });
  redis.disconnect();
}
