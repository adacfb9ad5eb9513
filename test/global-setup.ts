import { CHROMIUM_INSTALL_HINT, chromiumInstalled, chromiumPath } from './helpers/chromium.js';
import { REDIS_INSTALL_HINT, redisServerInstalled } from './redis/redis-installed.js';

/**
 * Runs once before the test files. The RedisTokenStore tests need a real `redis-server`, the
 * real-browser tests a Chromium: on a machine without one they are skipped (`describeWithRedis`,
 * `describeWithChromium`), and this says so once, with the install command. Under CI=true a missing
 * one fails the run instead (one error naming every missing program): CI must run those tests.
 */
export default function setup(): void {
  const missing: Array<{ required: string; skipped: string }> = [];
  if (!redisServerInstalled) {
    missing.push({
      required: `redis-server is not on PATH, and CI=true requires the Redis-backed tests to run. Install it: ${REDIS_INSTALL_HINT}`,
      skipped: `redis-server not found on PATH: the Redis-backed tests (test/redis/) are skipped. Install it to run them: ${REDIS_INSTALL_HINT}`,
    });
  }
  if (!chromiumInstalled) {
    missing.push({
      required: `Chromium is not at ${chromiumPath} (CHROMIUM_PATH overrides it), and CI=true requires the real-browser tests to run. Install it: ${CHROMIUM_INSTALL_HINT}`,
      skipped: `Chromium not found at ${chromiumPath}: the real-browser tests (*.browser.test.ts) are skipped. Install it (or set CHROMIUM_PATH) to run them: ${CHROMIUM_INSTALL_HINT}`,
    });
  }
  if (missing.length === 0) return;
  if (process.env['CI'] === 'true') throw new Error(missing.map((program) => program.required).join('\n'));
  for (const program of missing) console.warn(program.skipped);
}
