import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import type { GHLClient, GHLCompanyClient } from 'ghl-sdk';
import { createWebhookHandler, type WebhookHandlerOptions } from 'ghl-sdk/webhooks';
import { toHttpError } from '../hono-app/http-errors.js';
import type { Activity } from './activity.js';
import { Agencies, companyIdOfKey } from './agencies.js';
import { addOAuthRoutes } from './oauth-routes.js';
import { homePage, messagePage, syncPage, type LocationView } from './pages.js';
import { SyncJobs } from './sync-jobs.js';
import { testUsers } from './test-users.js';

export interface MarketplaceAppOptions {
  /** The GHL client; its token store keeps every connected location's tokens, by location id. */
  ghl: GHLClient;
  /** The keys in that store (`FileTokenStore.keys()`): location ids, and `company:<companyId>` for agencies. */
  connectedLocations: () => Promise<string[]>;
  /** The client of an agency that installed the app (`GHLClient.forCompany`, same store and credentials). */
  forCompany: (companyId: string) => GHLCompanyClient;
  /** Recent webhooks, refreshes and self-tests: wire `activity.tokensRefreshed` to the client's `onTokensRefreshed`. */
  activity: Activity;
  /** Shown on the home page. Default 'Marketplace app'. */
  appName?: string;
  /** Scopes requested on the consent page. Default: contacts read and write. */
  scopes?: string[];
  /** The redirect URI registered in your GHL app. Default: this app's `/oauth/callback`. */
  redirectUri?: string;
  /** How many users "Sync test users" sends. Default 25. */
  testUserCount?: number;
  /** How `POST /webhooks/ghl` verifies (`appId`, `publicKeys` for the simulator's keys, a `logger`). */
  webhooks?: Omit<WebhookHandlerOptions, 'onEvent' | 'on' | 'tokenStore'>;
  /** Called with every error answered 5xx, for your logs (SDK messages carry no tokens). */
  logError?: (error: unknown) => void;
}

/**
 * A GHL marketplace app with pages: connect a location through GHL's consent page, see its token
 * state and the webhooks GHL sends, run the self-test (the original `test-integration`) and a bulk
 * user sync with live progress. An agency install (a Company grant) gets a token minted for every
 * installed location, and the home page lists the agency with its locations.
 * Server-rendered; every page shows token state, never a token.
 */
export function createMarketplaceApp(options: MarketplaceAppOptions): Hono {
  const { ghl, activity } = options;
  const app = new Hono();
  const jobs = new SyncJobs();
  // One client per location, kept: a client's refreshes are single-flight, so every request for a
  // location must go through the same one.
  const clients = new Map<string, GHLClient>();
  const agencies = new Agencies(options.forCompany, activity);
  // An agency's location goes through its company client, which mints its token.
  const clientFor = (locationId: string) =>
    agencies.locationClient(locationId) ?? clients.get(locationId) ?? clients.set(locationId, ghl.location(locationId)).get(locationId)!;
  const webhooks = createWebhookHandler({ ...options.webhooks, tokenStore: ghl.tokenStore, onEvent: (event) => activity.webhookReceived(event) });

  app.onError((error, c) => {
    // Hono's own refusals (the CSRF check's 403) keep their status.
    if (error instanceof HTTPException) return c.html(messagePage('Request refused', error.message || 'This request was refused.', 'refused'), error.status);
    const { status, body } = toHttpError(error);
    if (status >= 500) options.logError?.(error);
    return c.html(messagePage('Something went wrong', body.message, body.error), status);
  });
  // Browser forms only from this origin (Origin / Sec-Fetch-Site); the webhook route is not covered: GHL signs those.
  app.use('/oauth/start', csrf());
  app.use('/locations/*', csrf());

  app.get('/', async (c) => {
    const keys = (await options.connectedLocations()).sort();
    const companyIds = keys.map(companyIdOfKey).filter((id) => id !== undefined);
    // Listed first: it tells which stored location keys are an agency's.
    const agencyViews = await Promise.all(companyIds.map((id) => agencies.view(id)));
    const ids = keys.filter((key) => companyIdOfKey(key) === undefined && !agencies.owns(key));
    const locations = await Promise.all(ids.map(async (id): Promise<LocationView> => {
      const status = await clientFor(id).tokens.status();
      return {
        id,
        accessTokenValid: status.accessTokenValid,
        expiresAt: status.expiresAt,
        refreshTokenRejected: status.refreshTokenRejected,
        lastRefresh: activity.lastRefresh.get(id),
        connectedAt: activity.connectedAt.get(id),
        selfTest: activity.selfTests.get(id),
      };
    }));
    return c.html(homePage({ appName: options.appName ?? 'Marketplace app', locations, agencies: agencyViews, webhooks: activity.webhooks, connected: c.req.query('connected') }));
  });

  addOAuthRoutes(app, {
    ghl,
    scopes: options.scopes ?? ['contacts.readonly', 'contacts.write'],
    redirectUri: options.redirectUri,
    webhooks,
    activity,
    provisionAgency: (companyId) => agencies.provision(companyId),
  });

  /** The location in the path, when it is connected; otherwise the answer to send. */
  const connected = async (id: string) => (companyIdOfKey(id) === undefined && (await options.connectedLocations()).includes(id) ? clientFor(id) : undefined);
  const notConnected = (id: string) => messagePage('Location not connected', `Location ${id} has no tokens here: connect it first.`, 'not-connected');

  /** The self-test (config, a real token refresh, a read call); never throws, each step reports. */
  app.post('/locations/:id/self-test', async (c) => {
    const id = c.req.param('id');
    const client = await connected(id);
    if (!client) return c.html(notConnected(id), 404);
    activity.selfTestRan(id, await client.selfTest());
    return c.redirect(`/#location-${encodeURIComponent(id)}`, 303);
  });

  app.post('/locations/:id/sync', async (c) => {
    const id = c.req.param('id');
    const client = await connected(id);
    if (!client) return c.html(notConnected(id), 404);
    const job = jobs.start(client, testUsers(options.testUserCount ?? 25));
    return c.redirect(`/syncs/${job.id}`, 303);
  });

  app.get('/syncs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    return job ? c.html(syncPage(job.snapshot)) : c.html(messagePage('No such sync', 'This sync is unknown (the app restarted?).', 'no-sync'), 404);
  });

  /** Server-sent events: the sync's snapshot now and after every row, until it finishes. */
  app.get('/syncs/:id/events', (c) => {
    const job = jobs.get(c.req.param('id'));
    if (!job) return c.text('No such sync', 404);
    return streamSSE(c, async (stream) => {
      // Writes in order, and all of them flushed before the stream ends (the last one says finished).
      let writing = Promise.resolve();
      await new Promise<void>((resolve) => {
        const stop = job.watch((snapshot) => {
          writing = writing.then(() => stream.writeSSE({ event: 'progress', data: JSON.stringify(snapshot) }));
          if (snapshot.finished) resolve();
        });
        stream.onAbort(() => {
          stop();
          resolve();
        });
      });
      await writing;
    });
  });

  /** GHL's webhooks, verified over the raw body (fail-closed); they feed "Last webhooks". */
  app.post('/webhooks/ghl', (c) => webhooks(c.req.raw));

  return app;
}
