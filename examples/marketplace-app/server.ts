/**
 * Runs the marketplace app on 127.0.0.1 against real GHL:
 *
 *   GHL_CLIENT_ID=… GHL_CLIENT_SECRET=… npx tsx examples/marketplace-app/server.ts
 *
 * then open http://127.0.0.1:3000 and click "Connect HighLevel" (register
 * http://127.0.0.1:3000/oauth/callback as the app's redirect URI, and POST /webhooks/ghl as its
 * webhook URL). Tokens go to GHL_TOKEN_FILE (default .ghl/marketplace-tokens.json). PORT,
 * GHL_REDIRECT_URI (behind a proxy: your public callback URL) and GHL_APP_ID are optional. To try it without a GHL account: `npm run example:app` (dev.ts).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { FileTokenStore, GHLClient, GHLConfigError, type GHLLogger } from 'ghl-sdk';
import type { WebhookHandlerOptions } from 'ghl-sdk/webhooks';
import { Activity } from './activity.js';
import { createMarketplaceApp } from './app.js';

export interface MarketplaceServerConfig {
  clientId: string;
  clientSecret: string;
  /** The JSON file for every connected location's tokens. */
  tokenFile: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** GHL's API origin. Default: GHL's. */
  baseUrl?: string;
  /** Where the consent page is. Default: GHL's marketplace. */
  authorizationBaseUrl?: string;
  appName?: string;
  /** The redirect URI registered in your GHL app. Default: this app's `/oauth/callback`. */
  redirectUri?: string;
  webhooks?: Omit<WebhookHandlerOptions, 'onEvent' | 'on' | 'tokenStore'>;
  /** For the SDK's and the webhook handler's log lines (never a token). Default: console. */
  logger?: GHLLogger;
}

export interface RunningApp {
  url: string;
  tokenStore: FileTokenStore;
  close(): Promise<void>;
}

export async function startMarketplaceApp(config: MarketplaceServerConfig): Promise<RunningApp> {
  const logger = config.logger ?? console;
  const tokenStore = new FileTokenStore({ path: config.tokenFile });
  const activity = new Activity();
  const ghl = new GHLClient({
    env: {},
    // The app serves many locations, each through `ghl.location(id)`; this id is only the base client's key.
    locationId: 'marketplace-app',
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    tokenStore,
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config.authorizationBaseUrl ? { authorizationBaseUrl: config.authorizationBaseUrl } : {}),
    onTokensRefreshed: (_tokens, key) => activity.tokensRefreshed(key),
    logger,
  });
  const app = createMarketplaceApp({
    ghl,
    activity,
    connectedLocations: () => tokenStore.keys(),
    // An agency install: the company token and its locations' minted tokens in the same store.
    forCompany: (companyId) =>
      GHLClient.forCompany({
        env: {},
        companyId,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        tokenStore,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
        ...(config.authorizationBaseUrl ? { authorizationBaseUrl: config.authorizationBaseUrl } : {}),
        onTokensRefreshed: (_tokens, key) => activity.tokensRefreshed(key),
        logger,
      }),
    ...(config.appName ? { appName: config.appName } : {}),
    ...(config.redirectUri ? { redirectUri: config.redirectUri } : {}),
    webhooks: { logger, ...config.webhooks },
    logError: (error) => logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error thrown'),
  });
  return new Promise((resolveStart, rejectStart) => {
    // overrideGlobalObjects: false keeps Node's own Request/Response globals for everything else in the process.
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: config.port, overrideGlobalObjects: false }, (info) => {
      resolveStart({
        url: `http://127.0.0.1:${info.port}`,
        tokenStore,
        close: () =>
          new Promise((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Open SSE streams and keep-alive sockets would hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', rejectStart);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const missing = ['GHL_CLIENT_ID', 'GHL_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) throw new GHLConfigError(`Missing ${missing.join(', ')}`, { missing });
  const { url } = await startMarketplaceApp({
    clientId: env['GHL_CLIENT_ID']!,
    clientSecret: env['GHL_CLIENT_SECRET']!,
    tokenFile: resolve(env['GHL_TOKEN_FILE'] ?? '.ghl/marketplace-tokens.json'),
    port: Number(env['PORT'] ?? 3000),
    ...(env['GHL_REDIRECT_URI'] ? { redirectUri: env['GHL_REDIRECT_URI'] } : {}),
    ...(env['GHL_APP_ID'] ? { webhooks: { appId: env['GHL_APP_ID'] } } : {}),
  });
  console.log(`Marketplace app: ${url}`);
}
