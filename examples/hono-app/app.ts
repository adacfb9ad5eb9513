import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { GHLValidationError, type AppUser, type GHLClient } from 'ghl-sdk';
import { createWebhookHandler, type GHLWebhookEvent, type WebhookHandlerOptions } from 'ghl-sdk/webhooks';
import { parseSyncNewsletterBody, parseSyncUserBody } from './bodies.js';
import { toHttpError } from './http-errors.js';
import { MemoryOAuthStateStore, type OAuthStateStore } from './oauth-state.js';

export interface AppOptions {
  /** The GHL client; its token store is where the OAuth callback saves tokens. */
  ghl: GHLClient;
  /** Bearer token that `GET /test-integration` requires. */
  adminToken: string;
  /** Looks up one of your users for `/sync-user`; null when there is none. */
  findUser: (id: string) => AppUser | null | Promise<AppUser | null>;
  /** Where `/oauth/start` remembers `state`. Default: in memory (one instance). */
  stateStore?: OAuthStateStore;
  /** Scopes requested by `/oauth/start`. Default: contacts read and write. */
  scopes?: string[];
  /** The redirect URI registered in your GHL app. Default: this app's own callback URL. */
  redirectUri?: string;
  /** Called with every error answered 5xx, for your logs (SDK messages carry no tokens). */
  logError?: (error: unknown) => void;
  /**
   * How `POST /webhooks/ghl` verifies: `appId`, a shared `replayStore`, a `logger`; `publicKeys`
   * only to trust other keys than GHL's (the simulator's in tests). Default: GHL's keys.
   */
  webhooks?: Omit<WebhookHandlerOptions, 'onEvent' | 'on' | 'tokenStore'>;
  /**
   * Called once per verified webhook (an INSTALL only once its tokens are stored; an UNINSTALL after
   * that location's tokens were deleted). Throwing answers 500, so GHL retries.
   */
  onWebhook?: (event: GHLWebhookEvent) => void | Promise<void>;
}

const BASE = '/api/integrations/ghl';

/**
 * The original integration's routes on ghl-sdk: status, user and newsletter sync, the admin-only
 * self-test, and the OAuth install flow. Every SDK error becomes an HTTP answer (see http-errors.ts).
 */
export function createApp(options: AppOptions): Hono {
  const { ghl, findUser } = options;
  const stateStore = options.stateStore ?? new MemoryOAuthStateStore();
  const scopes = options.scopes ?? ['contacts.readonly', 'contacts.write'];
  const redirectUriFor = (c: Context) => options.redirectUri ?? new URL(`${BASE}/oauth/callback`, c.req.url).toString();
  const app = new Hono().basePath(BASE);
  // INSTALL/UNINSTALL go to the client's token store: UNINSTALL deletes the location's tokens, an
  // INSTALL that beats the OAuth callback waits for it (see /oauth/callback).
  const webhooks = createWebhookHandler({ ...options.webhooks, tokenStore: ghl.tokenStore, onEvent: options.onWebhook });

  app.onError((error, c) => {
    const { status, body } = toHttpError(error);
    if (status >= 500) options.logError?.(error);
    return c.json(body, status);
  });

  /** Configuration and token state; calls nothing at GHL. */
  app.get('/status', async (c) => c.json({ success: true, ...(await ghl.status()) }));

  app.post('/sync-user', async (c) => {
    const { user_id, sync_type } = parseSyncUserBody(await jsonBody(c));
    const user = await findUser(user_id);
    if (!user) return c.json({ success: false, error: 'not_found', message: `No user ${user_id}` }, 404);
    const { contact, created } = await ghl.sync.user(user, { syncType: sync_type });
    return c.json({ success: true, contact_id: contact.id, created, sync_type, tags: contact.tags ?? [] });
  });

  app.post('/sync-newsletter', async (c) => {
    const subscriber = parseSyncNewsletterBody(await jsonBody(c));
    const { contact, created } = await ghl.sync.newsletter(subscriber);
    return c.json({ success: true, contact_id: contact.id, created, tags: contact.tags ?? [] });
  });

  /** The self-test (config, a real token refresh, a read call): admins only, it spends a refresh. */
  app.get('/test-integration', async (c) => {
    if (!isAdmin(c.req.header('authorization'), options.adminToken)) {
      return c.json({ success: false, error: 'unauthorized', message: 'Admin bearer token required' }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    const report = await ghl.selfTest();
    return c.json({ success: report.ok, ...report }, report.ok ? 200 : 503);
  });

  app.get('/oauth/start', async (c) => {
    const { url, state } = ghl.oauth.authorizationUrl({ scopes, redirectUri: redirectUriFor(c) });
    await stateStore.add(state);
    return c.redirect(url, 302);
  });

  app.get('/oauth/callback', async (c) => {
    const state = c.req.query('state');
    if (!state || !(await stateStore.consume(state))) {
      return c.json({ success: false, error: 'invalid_state', message: 'Unknown, used or expired OAuth state: start again at /oauth/start' }, 400);
    }
    const error = c.req.query('error');
    if (error) return c.json({ success: false, error: 'not_authorized', message: `GHL did not authorize the app (${error})` }, 400);
    const code = c.req.query('code');
    if (!code) return c.json({ success: false, error: 'missing_code', message: 'The callback has no code' }, 400);
    // Awaited: the tokens are in the store before we answer, so a crash right after cannot lose them.
    const saved = await ghl.oauth.exchangeCode(code, { redirectUri: redirectUriFor(c) });
    // GHL's INSTALL webhook may have arrived first and be waiting for these tokens: deliver it now.
    await webhooks.tokensSaved(saved.key);
    return c.json({ success: true, location_id: saved.key, user_type: saved.userType ?? null });
  });

  /**
   * GHL's webhooks (set this URL as the app's Default Webhook URL: INSTALL and UNINSTALL go there
   * only). Verified over the raw body, fail-closed: 401 unless GHL signed it, 200 for a duplicate
   * without calling onWebhook again, 500 when onWebhook threw.
   */
  app.post('/webhooks/ghl', (c) => webhooks(c.req.raw));

  return app;
}

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new GHLValidationError('The request body is not valid JSON', [{ path: '(body)', message: 'must be valid JSON' }]);
  }
}

/** Constant-time comparison (of digests, so lengths match), so timing does not reveal the token. */
function isAdmin(header: string | undefined, adminToken: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!presented || !adminToken) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(adminToken));
}
