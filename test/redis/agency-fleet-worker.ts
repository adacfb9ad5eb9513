/**
 * One process of an agency app, run by agency-fleet.test.ts: a company client over a
 * RedisTokenStore; prints `{"ready":true}`, waits for `go` on stdin, then makes `CALLS_PER_LOCATION`
 * concurrent calls on each of `LOCATION_IDS` (comma-separated) at once and prints
 * `{"ok":n,"failed":n,"errors":[…]}`.
 */
import { Redis } from 'ioredis';
import { GHLClient } from '../../src/client.js';
import { RedisTokenStore } from '../../src/redis/index.js';
import { print, readyThenGo } from './worker-process.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`agency-fleet-worker: ${name} is not set`);
  return value;
};

const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: 1 });
const company = GHLClient.forCompany({
  companyId: env('COMPANY_ID'),
  clientId: env('CLIENT_ID'),
  clientSecret: env('CLIENT_SECRET'),
  baseUrl: env('GHL_BASE_URL'),
  env: {},
  rateLimit: false,
  tokenStore: new RedisTokenStore({ client: redis, prefix: env('PREFIX') }),
});

await Promise.all([import('ky'), redis.ping()]);
await readyThenGo();
const perLocation = Number(env('CALLS_PER_LOCATION'));
const results = await Promise.allSettled(
  env('LOCATION_IDS')
    .split(',')
    .flatMap((id) => Array.from({ length: perLocation }, () => company.location(id).contacts.search({ pageLimit: 1 }))),
);
const errors = results.flatMap((result) => (result.status === 'rejected' ? [`${(result.reason as Error).name}: ${(result.reason as Error).message}`] : []));
print({ ok: results.length - errors.length, failed: errors.length, errors: [...new Set(errors)] });
redis.disconnect();
