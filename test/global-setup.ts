import { REDIS_INSTALL_HINT, redisServerInstalled } from './redis/redis-installed.js';

/**
 * Runs once before the test files. The RedisTokenStore tests need a real `redis-server`: on a
 * machine without one they are skipped (`describeWithRedis`), and this says so once, with the
 * install command. Under CI=true a missing redis-server fails the run instead: CI must test Redis.
 */
export default function setup(): void {
  if (redisServerInstalled) return;
  if (process.env['CI'] === 'true') {
    throw new Error(`redis-server is not on PATH, and CI=true requires the Redis-backed tests to run. Install it: ${REDIS_INSTALL_HINT}`);
  }
  console.warn(`redis-server not found on PATH: the Redis-backed tests (test/redis/) are skipped. Install it to run them: ${REDIS_INSTALL_HINT}`);
}
