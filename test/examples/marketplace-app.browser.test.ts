import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../examples/marketplace-app/dev.js';
import { chromiumPath, describeWithChromium } from '../helpers/chromium.js';

/**
 * examples/marketplace-app in a real, headless Chromium against the simulator: a person connects a
 * location on the consent page, runs the self-test and the bulk sync, installs for the agency, and
 * hits the bad paths.
 * Screenshots of each step go to SCREENSHOTS (gitignored).
 */
const SCREENSHOTS = fileURLToPath(new URL('../../.screenshots/marketplace-app/', import.meta.url));
/** Simulator tokens are JWT-shaped (src/testing/simulator/ids.ts): no page may contain one. */
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

let browser: Browser;
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
});
afterAll(() => browser?.close());

/** A fresh demo (simulator + app) and a browser page that keeps every HTML document it loaded. */
async function session(): Promise<{ demo: Demo; page: Page; documents: string[]; loaded: () => Promise<unknown>; statuses: Map<string, number>; close: () => Promise<void> }> {
  const errors: string[] = [];
  const demo = await startDemo({ port: 0, sim: { latencyMs: 5 }, logger: { debug() {}, info() {}, warn() {}, error: (message: string) => errors.push(message) } });
  const context = await browser.newContext();
  const page = await context.newPage();
  const documents: string[] = [];
  const statuses = new Map<string, number>();
  const reading: Array<Promise<void>> = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    statuses.set(url.pathname, response.status());
    // Every HTML answer, error pages included (a redirect has no body).
    if ((response.headers()['content-type'] ?? '').startsWith('text/html') && (response.status() < 300 || response.status() >= 400)) {
      reading.push(response.text().then((text) => void documents.push(text), () => undefined));
    }
  });
  return {
    demo,
    page,
    documents,
    /** Resolves once every HTML answer so far was read into `documents`. */
    loaded: () => Promise.all(reading),
    statuses,
    close: async () => {
      await context.close();
      await demo.close();
      expect(errors).toEqual([]); // the app logged no error
    },
  };
}

/** A screenshot of the step, and the page as it stands (after its script ran) for the token grep. */
async function shot(page: Page, name: string, documents: string[]): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
  documents.push(await page.content());
}

/** No document holds a JWT-shaped string or any of `secrets`. */
function expectNoSecrets(documents: string[], secrets: Iterable<string>): void {
  for (const document of documents) {
    expect(document).not.toMatch(JWT);
    for (const secret of secrets) expect(document.includes(secret), 'a page contains a credential').toBe(false);
  }
}

/** Home → "Connect HighLevel" → the simulator's consent page. */
async function openConsent(page: Page, demo: Demo): Promise<void> {
  await page.goto(demo.app.url);
  await page.getByRole('button', { name: 'Connect HighLevel' }).click();
  await page.waitForURL(`${demo.sim.url}/v2/oauth/chooselocation?**`);
}

describeWithChromium(`examples/marketplace-app in headless Chromium (screenshots: ${SCREENSHOTS})`, () => {
  it('connect on the consent page → connected, self-test passes, sync shows counts; a replayed callback changes nothing; no page shows a token', { timeout: 60_000 }, async () => {
    const { demo, page, documents, loaded, statuses, close } = await session();
    const { sim, app } = demo;
    const location = `${sim.locationId}-2`;
    const seen = new Set<string>([sim.clientSecret]); // every credential the store held at any step
    const remember = async () => {
      const tokens = await app.tokenStore.get(location);
      for (const value of [tokens?.accessToken, tokens?.refreshToken]) if (value) seen.add(value);
    };
    let callbackUrl: string | undefined;
    page.on('request', (request) => {
      if (request.url().startsWith(`${app.url}/oauth/callback`)) callbackUrl = request.url();
    });
    try {
      await page.goto(app.url);
      await expect.poll(() => page.getByText('No HighLevel location is connected yet.').isVisible()).toBe(true);
      await shot(page, '01-home', documents);

      await openConsent(page, demo);
      expect(await page.locator('#app-name').textContent()).toBe('ghl-sdk Marketplace Demo');
      expect(await page.locator('#scopes li').allTextContents()).toEqual(['contacts.readonly', 'contacts.write']);
      expect(await page.locator('input[name="location_id"]:not([value^="company:"])').count()).toBe(3);
      await page.check(`input[name="location_id"][value="${location}"]`);
      await shot(page, '02-consent', documents);
      await page.getByRole('button', { name: 'Allow and install' }).click();
      await page.waitForURL(`${app.url}/?connected=**`);

      // Back connected: the tokens were saved before the redirect, under the location chosen.
      expect(await page.locator('#connected').textContent()).toContain(location);
      const card = page.locator(`section.location[data-location-id="${location}"]`);
      expect(await card.textContent()).toMatch(/Access token: valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      expect(await app.tokenStore.keys()).toEqual([location]);
      expect((await app.tokenStore.get(location))?.refreshToken).toBe(sim.currentRefreshToken(location));
      await remember();
      // GHL's INSTALL raced the redirect; once delivered, it is in "Last webhooks".
      await sim.webhooks.settled();
      await page.reload();
      expect(await page.locator('#webhooks td').first().textContent()).toBe('INSTALL');
      expect(await page.locator('#webhooks').textContent()).toContain(location);
      await shot(page, '03-connected', documents);

      await card.getByRole('button', { name: 'Run self-test' }).click();
      await page.waitForURL(`${app.url}/#location-${location}`);
      expect(await card.locator('.self-test').textContent()).toMatch(/Self-test passed[\s\S]*✓ config[\s\S]*✓ token: refreshed[\s\S]*✓ api: contacts search answered/);
      expect(await card.textContent()).not.toMatch(/Last refresh: never/);
      expect(sim.stats.refreshGrants).toBe(1);
      await remember();
      await shot(page, '04-self-test', documents);

      // The first rows' answers are held back a second, so the page is open while the sync runs.
      sim.injectFault({ route: 'POST /contacts/upsert', kind: 'latency', ms: 1_000, times: 5 });
      await card.getByRole('button', { name: 'Sync test users' }).click();
      await page.waitForURL(`${app.url}/syncs/**`);
      await page.locator('#status[data-finished="true"]').waitFor();
      expect(await page.locator('#status').textContent()).toBe('Done');
      expect(await page.locator('#counts').textContent()).toBe('25 of 25 done: 25 created, 0 updated, 0 failed');
      // Streamed live: the page got progress events while the sync ran, not one answer at the end.
      expect(Number(await page.locator('#status').getAttribute('data-events'))).toBeGreaterThan(1);
      expect(sim.contacts.list(location)).toHaveLength(25);
      await shot(page, '05-sync', documents);

      // The browser reloads the callback URL: a clear page, and the stored tokens are untouched.
      expect(callbackUrl).toBeDefined();
      const before = await readFile(app.tokenStore.path, 'utf8');
      await page.goto(callbackUrl!);
      expect(statuses.get('/oauth/callback')).toBe(409);
      expect(await page.locator('#code-reused').textContent()).toBe('This sign-in link was already used');
      expect(await page.locator('body').textContent()).toContain(`already connected location ${location}. Nothing was changed.`);
      expect(await readFile(app.tokenStore.path, 'utf8')).toBe(before);
      await shot(page, '06-replayed-callback', documents);

      // GHL's live refresh token is the stored one, and nothing was ever refused.
      expect((await app.tokenStore.get(location))?.refreshToken).toBe(sim.currentRefreshToken(location));
      expect(sim.stats.invalidGrants).toBe(0);
      expect(sim.stats.codeGrants).toBe(1);

      // Every HTML document the browser loaded, from both origins, and every page as shown: no token,
      // no secret, not the authorization code.
      await page.goto(app.url);
      await shot(page, '07-home-after', documents);
      seen.add(new URL(callbackUrl!).searchParams.get('code')!);
      expect(seen.size).toBeGreaterThanOrEqual(6); // the secret, the exchanged pair, the pair the self-test rotated in, the code
      await loaded();
      expect(documents.length).toBeGreaterThanOrEqual(15);
      // The grep saw the pages that matter, error pages included.
      for (const text of ['Allow and install', 'Self-test passed', '25 of 25 done', 'This sign-in link was already used']) {
        expect(documents.some((document) => document.includes(text)), text).toBe(true);
      }
      expectNoSecrets(documents, seen);
    } finally {
      await close();
    }
  });

  it('install for the agency on the consent page → the agency and its locations listed, a token minted for each; no page shows a token', async () => {
    const { demo, page, documents, loaded, close } = await session();
    const { sim, app } = demo;
    try {
      // Two sub-accounts the consent page does not list: "all sub-accounts" means the agency's, all of them.
      const unlisted = sim.agency.addLocations(2).map((location) => location.id);
      const agencyLocations = [...unlisted, sim.locationId, `${sim.locationId}-2`, `${sim.locationId}-3`];
      let callbackUrl: string | undefined;
      page.on('request', (request) => {
        if (request.url().startsWith(`${app.url}/oauth/callback`)) callbackUrl = request.url();
      });

      await openConsent(page, demo);
      await page.getByLabel('Install for the agency (all sub-accounts)').check();
      await shot(page, '10-consent-agency', documents);
      await page.getByRole('button', { name: 'Allow and install' }).click();
      await page.waitForURL(`${app.url}/?connected=**`);

      // Back on the app: the company token stored before the redirect, every approved location provisioned.
      expect(await page.locator('#connected').textContent()).toBe(`Connected the agency ${sim.companyId}.`);
      const card = page.locator(`section.agency[data-company-id="${sim.companyId}"]`);
      expect(await card.locator('p').first().textContent()).toMatch(/Company token: valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      expect(await card.locator('.provision').textContent()).toMatch(/^Provisioned at .+ UTC: 5 of 5 locations hold a token\.$/);
      const rows = card.locator('tr[data-location-id]');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-location-id')))).toEqual(agencyLocations);
      expect(await rows.nth(2).locator('td').first().textContent()).toBe('Main Street Bakery');
      for (const text of await rows.allTextContents()) expect(text).toMatch(/valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      // The agency's locations are listed under it, not as locations connected on their own.
      expect(await page.locator('section.location').count()).toBe(0);
      expect((await app.tokenStore.keys()).sort()).toEqual([`company:${sim.companyId}`, ...agencyLocations].sort());
      expect(sim.stats.locationTokenMints).toEqual(Object.fromEntries(agencyLocations.map((id) => [id, 1])));

      // GHL's INSTALL for the agency raced the redirect; reloading lists it and mints nothing again.
      await sim.webhooks.settled();
      await page.reload();
      expect(await page.locator('#webhooks tr:nth-child(2) td').allTextContents()).toEqual(expect.arrayContaining(['INSTALL', sim.companyId]));
      expect(Object.values(sim.stats.locationTokenMints)).toEqual([1, 1, 1, 1, 1]);
      await shot(page, '11-agency-connected', documents);

      // A replayed agency callback changes nothing.
      await page.goto(callbackUrl!);
      expect(await page.locator('body').textContent()).toContain(`already connected the agency ${sim.companyId}. Nothing was changed.`);
      await shot(page, '12-agency-replayed-callback', documents);

      expect(sim.stats.codeGrants).toBe(1);
      expect(sim.stats.invalidGrants).toBe(0);
      const secrets = new Set<string>([sim.clientSecret, new URL(callbackUrl!).searchParams.get('code')!]);
      for (const key of await app.tokenStore.keys()) {
        const tokens = await app.tokenStore.get(key);
        for (const value of [tokens?.accessToken, tokens?.refreshToken]) if (value) secrets.add(value);
      }
      expect(secrets.size).toBeGreaterThanOrEqual(9); // the secret, the code, the company pair, five location tokens
      await loaded();
      for (const text of ['Install for the agency (all sub-accounts)', 'Connected the agency', 'This sign-in link was already used']) {
        expect(documents.some((document) => document.includes(text)), text).toBe(true);
      }
      expectNoSecrets(documents, secrets);
    } finally {
      await close();
    }
  });

  it('Cancel on the consent page → a page that says access was not granted; nothing stored', async () => {
    const { demo, page, documents, loaded, statuses, close } = await session();
    try {
      await openConsent(page, demo);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForURL(`${demo.app.url}/oauth/callback?**`);
      expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
      expect(statuses.get('/oauth/callback')).toBe(403);
      expect(await page.locator('#access-denied').textContent()).toBe('HighLevel access was not granted');
      expect(await demo.app.tokenStore.keys()).toEqual([]);
      expect(demo.sim.stats.tokenRequests).toBe(0);
      await shot(page, '08-access-denied', documents);
      await loaded();
      expectNoSecrets(documents, [demo.sim.clientSecret]);
    } finally {
      await close();
    }
  });

  it('a state that does not match the cookie → 400 page; the code is never exchanged, nothing stored', async () => {
    const { demo, page, documents, loaded, statuses, close } = await session();
    try {
      await openConsent(page, demo);
      // What a forged link looks like to the app: GHL echoes a state this browser never started.
      await page.locator('input[name="state"]').evaluate((input: HTMLInputElement) => (input.value = 'forged-state'));
      await page.getByRole('button', { name: 'Allow and install' }).click();
      await page.waitForURL(`${demo.app.url}/oauth/callback?**`);
      expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
      expect(statuses.get('/oauth/callback')).toBe(400);
      expect(await page.locator('#state-mismatch').textContent()).toBe('The sign-in could not be verified');
      expect(await page.locator('body').textContent()).toContain('No tokens were stored.');
      expect(await demo.app.tokenStore.keys()).toEqual([]);
      expect(demo.sim.stats.codeGrants).toBe(0);
      expect(demo.sim.stats.tokenRequests).toBe(0);
      await shot(page, '09-state-mismatch', documents);
      await loaded();
      expectNoSecrets(documents, [demo.sim.clientSecret, new URL(page.url()).searchParams.get('code')!]);
    } finally {
      await close();
    }
  });
});
