/**
 * Runs the example app on 127.0.0.1:
 *
 *   ADMIN_TOKEN=change-me GHL_LOCATION_ID=… GHL_CLIENT_ID=… GHL_CLIENT_SECRET=… \
 *     npx tsx examples/hono-app/server.ts
 *
 * then open http://127.0.0.1:3000/api/integrations/ghl/oauth/start once to connect (the tokens go
 * to GHL_TOKEN_FILE, default .ghl/tokens.json). PORT (default 3000), GHL_BASE_URL,
 * GHL_REDIRECT_URI and GHL_APP_ID (webhooks for other apps are then refused) are optional. GHL's
 * webhooks go to POST /api/integrations/ghl/webhooks/ghl.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { FileTokenStore, GHLClient, GHLConfigError, type AppUser } from 'ghl-sdk';
import { createApp } from './app.js';

/** Stand-in for your user database. */
const USERS: Record<string, AppUser> = {
  '1': { id: '1', email: 'ada@example.com', name: 'Ada Lovelace', tags: ['beta'] },
};

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the app from `env` (see the top of this file). */
export async function startServer(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Promise<RunningServer> {
  const adminToken = env['ADMIN_TOKEN'];
  if (!adminToken) throw new GHLConfigError('ADMIN_TOKEN is required (the bearer token for /test-integration)', { missing: ['ADMIN_TOKEN'] });
  const ghl = new GHLClient({
    env,
    tokenStore: new FileTokenStore({ path: resolve(cwd, env['GHL_TOKEN_FILE'] ?? '.ghl/tokens.json') }),
  });
  const app = createApp({
    ghl,
    adminToken,
    findUser: (id) => USERS[id] ?? null,
    ...(env['GHL_REDIRECT_URI'] ? { redirectUri: env['GHL_REDIRECT_URI'] } : {}),
    logError: (error) => console.error(error instanceof Error ? `${error.name}: ${error.message}` : error),
    webhooks: { logger: console, ...(env['GHL_APP_ID'] ? { appId: env['GHL_APP_ID'] } : {}) },
    onWebhook: (event) => console.info(`GHL webhook ${event.type} ${event.webhookId}`),
  });
  return new Promise((resolveStart, rejectStart) => {
    // overrideGlobalObjects: false keeps Node's own Request/Response globals for everything else in the process.
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(env['PORT'] ?? 3000), overrideGlobalObjects: false }, (info) => {
      resolveStart({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once('error', rejectStart);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startServer();
  console.log(`Listening on ${url}/api/integrations/ghl/status`);
}
