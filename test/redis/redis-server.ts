import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { describe } from 'vitest';
import { REDIS_INSTALL_HINT, redisServerInstalled } from './redis-installed.js';

export { redisServerInstalled };

/** `describe` for tests against a real redis-server: skipped when none is installed (see redis-installed.ts). */
export const describeWithRedis = describe.skipIf(!redisServerInstalled);

/** A throwaway `redis-server` on a random loopback port, with no persistence. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  /** SIGTERM, then SIGKILL if it is still alive after 2 s. */
  stop(): Promise<void>;
  /** SIGSTOP: Redis stops answering, commands queue in its sockets (a stalled or overloaded Redis). */
  pause(): void;
  /** SIGCONT: Redis runs what queued up while it was paused. */
  resume(): void;
  /** Stops and starts it again on the same port: with no persistence, every key is gone. */
  restart(): Promise<void>;
}

/**
 * Starts `redis-server` (Debian: `apt-get install -y redis-server`) on a free port and resolves once
 * it answers PING. Retries with a new port if another process grabbed the one we picked.
 */
export async function startRedisServer(): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      let child = await spawnRedis(port);
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        stop: () => stopChild(child),
        pause: () => child.kill('SIGSTOP'),
        resume: () => child.kill('SIGCONT'),
        restart: async () => {
          await stopChild(child);
          child = await spawnRedis(port);
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`could not start redis-server: ${String(lastError)}`);
}

async function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await waitForPing(child, port, 5_000);
    return child;
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** A port nothing listens on right now (bind to 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `redis-server exited (${signal ?? code})`;
  });
  child.once('error', (error) => {
    exited = `cannot run redis-server (${error.message}); install it: ${REDIS_INSTALL_HINT}`;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
}

/** One inline PING over a raw socket: true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
