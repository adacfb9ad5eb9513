import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { GHLReauthRequiredError, type GHLClient, type ProvisionReport } from 'ghl-sdk';
import type { WebhookHandler } from 'ghl-sdk/webhooks';
import type { Activity } from './activity.js';
import { companyIdOfKey } from './agencies.js';
import { messagePage } from './pages.js';
import { RedeemedCodes } from './redeemed-codes.js';

/** The `state` of the flow this browser started: HttpOnly, sent back only to the callback. */
const STATE_COOKIE = 'ghl_oauth_state';
const CALLBACK_PATH = '/oauth/callback';

export interface OAuthRouteOptions {
  ghl: GHLClient;
  scopes: string[];
  /** Default: this app's own callback URL, from the request. */
  redirectUri: string | undefined;
  webhooks: WebhookHandler;
  activity: Activity;
  /** After an agency install: mints and stores a token for every location the agency approved. */
  provisionAgency: (companyId: string) => Promise<ProvisionReport>;
}

/**
 * The install flow. `POST /oauth/start` sends the browser to GHL's consent page with a fresh
 * `state`, kept in a cookie (HttpOnly, SameSite=Lax so GHL's top-level redirect back carries it,
 * Secure over https, scoped to the callback, 10 minutes). The callback accepts only that state, once
 * (a forged or stale link cannot attach someone else's location to this browser's session, RFC 6749
 * §10.12), awaits the token save, then redirects home. An agency install (`user_type` Company) stores
 * the company token under `company:<companyId>`, then provisions the approved locations before redirecting.
 */
export function addOAuthRoutes(app: Hono, options: OAuthRouteOptions): void {
  const { ghl, webhooks, activity } = options;
  const redeemed = new RedeemedCodes();
  const redirectUriFor = (c: Context) => options.redirectUri ?? new URL(CALLBACK_PATH, c.req.url).toString();
  // Behind a proxy that terminates TLS the request URL says http: derive this from your public URL there.
  const secure = (c: Context) => new URL(options.redirectUri ?? c.req.url).protocol === 'https:';

  app.post('/oauth/start', (c) => {
    const { url, state } = ghl.oauth.authorizationUrl({ scopes: options.scopes, redirectUri: redirectUriFor(c) });
    setCookie(c, STATE_COOKIE, state, { httpOnly: true, sameSite: 'Lax', secure: secure(c), path: CALLBACK_PATH, maxAge: 600 });
    return c.redirect(url, 303);
  });

  app.get(CALLBACK_PATH, async (c) => {
    const { code, state, error } = c.req.query();
    // A reloaded or replayed callback: the code was exchanged already; exchanging it again would fail.
    const installedTo = code ? redeemed.locationOf(code) : undefined;
    if (installedTo !== undefined) {
      return c.html(
        messagePage(
          'This sign-in link was already used',
          `HighLevel codes work once, and this one already connected ${describeKey(installedTo)}. Nothing was changed. To connect a location again, start over.`,
          'code-reused',
        ),
        409,
      );
    }
    const expected = getCookie(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: CALLBACK_PATH, secure: secure(c) }); // one use, whatever happens next
    if (!state || !expected || !sameText(state, expected)) {
      return c.html(
        messagePage(
          'The sign-in could not be verified',
          'The state in this link does not match the sign-in this browser started (a stale, reused or forged link). No tokens were stored. Start again.',
          'state-mismatch',
        ),
        400,
      );
    }
    if (error === 'access_denied') {
      return c.html(messagePage('HighLevel access was not granted', 'The install was cancelled on HighLevel’s page (access_denied): nothing was connected.', 'access-denied'), 403);
    }
    if (error) return c.html(messagePage('HighLevel did not connect the app', `HighLevel answered with the error “${error}”. Nothing was connected.`, 'oauth-error'), 400);
    if (!code) return c.html(messagePage('The callback has no code', 'HighLevel sent no authorization code. Nothing was connected.', 'missing-code'), 400);

    let key: string;
    try {
      // Awaited: the tokens are in the store before the browser moves on, so a crash cannot lose them.
      // A Company grant's key is `company:<companyId>` (the SDK stores it there).
      key = (await ghl.oauth.exchangeCode(code, { redirectUri: redirectUriFor(c) })).key;
    } catch (exchangeError) {
      if (!(exchangeError instanceof GHLReauthRequiredError)) throw exchangeError;
      return c.html(messagePage('This sign-in link has expired or was already used', 'HighLevel refused the code. Nothing was changed. Start again.', 'code-refused'), 400);
    }
    redeemed.add(code, key);
    activity.connected(key);
    // GHL's INSTALL webhook may have arrived first and be waiting for these tokens: deliver it now.
    await webhooks.tokensSaved(key);
    // An agency install: a token for every approved location now, so the first call to one needs no mint.
    const companyId = companyIdOfKey(key);
    if (companyId !== undefined) await options.provisionAgency(companyId);
    return c.redirect(`/?connected=${encodeURIComponent(key)}`, 303);
  });
}

/** A store key as a person reads it: "location <id>" or "the agency <companyId>". */
function describeKey(key: string): string {
  const companyId = companyIdOfKey(key);
  return companyId === undefined ? `location ${key}` : `the agency ${companyId}`;
}

/** Constant-time comparison (of digests, so lengths match). */
function sameText(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
