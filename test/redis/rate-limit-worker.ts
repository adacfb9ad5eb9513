/**
 * One process of a fleet syncing into one location, run by rate-limit-budget.test.ts:
 * `node --import tsx test/redis/rate-limit-worker.ts` with its settings in the environment. Syncs
 * `USERS` users (emails `<PREFIX>-<n>@example.com`) through a RedisRateLimitBudget and prints the report.
 */
import { Redis } from 'ioredis';
import { GHLClient, MemoryTokenStore } from '../../src/index.js';
import { RedisRateLimitBudget } from '../../src/redis/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`rate-limit-worker: ${name} is not set`);
  return value;
};

const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: 1 });
const locationId = env('LOCATION_ID');
const ghl = new GHLClient({
  locationId,
  baseUrl: env('GHL_BASE_URL'),
  tokenStore: new MemoryTokenStore({ [locationId]: { accessToken: env('ACCESS_TOKEN') } }),
  env: {},
  rateLimit: { budget: new RedisRateLimitBudget({ client: redis, prefix: env('PREFIX') }), window: JSON.parse(env('WINDOW')) as { max: number; intervalMs: number } },
});
await redis.ping();
const prefix = env('EMAIL_PREFIX');
const users = Array.from({ length: Number(env('USERS')) }, (_, i) => ({ email: `${prefix}-${i}@example.com` }));
const report = await ghl.sync.users(users, { concurrency: 10 });
process.stdout.write(`${JSON.stringify({ created: report.created, failed: report.failed.length, rateLimited: report.rateLimited })}\n`);
redis.disconnect();
