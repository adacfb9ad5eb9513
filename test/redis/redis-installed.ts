import { spawnSync } from 'node:child_process';

/** The install command named when `redis-server` is missing. */
export const REDIS_INSTALL_HINT = 'sudo apt-get install -y redis-server (macOS: brew install redis)';

/**
 * Whether `redis-server` runs on this machine. Without it the Redis-backed tests are skipped
 * (`describeWithRedis`), and test/global-setup.ts says so in one line, or fails the run under CI=true.
 */
export const redisServerInstalled = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
