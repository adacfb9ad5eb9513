import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ReceivedWebhook } from './activity.js';
import { companyIdOfKey, type AgencyView } from './agencies.js';
import type { SelfTestReport } from 'ghl-sdk';
import type { SyncSnapshot } from './sync-jobs.js';

/**
 * The app's pages, server-rendered with Hono's `html` template (every interpolated value is
 * escaped). They show token state (valid until, last refresh) and never a token.
 */

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** One connected location as the home page lists it. */
export interface LocationView {
  id: string;
  accessTokenValid: boolean;
  /** Epoch ms. */
  expiresAt: number | undefined;
  refreshTokenRejected: boolean;
  lastRefresh: number | undefined;
  connectedAt: number | undefined;
  selfTest: (SelfTestReport & { ranAt: number }) | undefined;
}

export interface HomeView {
  appName: string;
  locations: LocationView[];
  /** Agencies that installed the app (Company installs), with their locations. */
  agencies: AgencyView[];
  webhooks: ReceivedWebhook[];
  /** The store key just connected (a location id or `company:<companyId>`), for the banner. */
  connected: string | undefined;
}

function layout(title: string, body: Markup): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111827; }
    .card { border: 1px solid #d1d5db; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
    .ok { color: #047857; } .bad { color: #b91c1c; } .muted { color: #6b7280; }
    .banner { background: #ecfdf5; border: 1px solid #6ee7b7; padding: .5rem 1rem; border-radius: .5rem; }
    button { font: inherit; padding: .4rem .9rem; border-radius: .375rem; border: 1px solid #2563eb; background: #2563eb; color: white; cursor: pointer; }
    form { display: inline; margin-right: .5rem; }
    table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #e5e7eb; }
    progress { width: 100%; height: 1.2rem; }
  </style>
</head>
<body>
  <p><a href="/">Home</a></p>
  ${body}
</body>
</html>`;
}

function time(ms: number | undefined, unknown = 'never'): Markup | string {
  return ms === undefined ? unknown : html`<time datetime="${new Date(ms).toISOString()}">${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC</time>`;
}

const connectForm = (label: string) => html`<form method="post" action="/oauth/start"><button type="submit">${label}</button></form>`;

function selfTestResult(report: LocationView['selfTest']): Markup | string {
  if (!report) return '';
  return html`<div class="self-test">
      <p class="${report.ok ? 'ok' : 'bad'}"><strong>${report.ok ? 'Self-test passed' : 'Self-test failed'}</strong> <span class="muted">at ${time(report.ranAt)}</span></p>
      <ul>${report.steps.map((step) => html`<li>${step.ok ? '✓' : step.ran ? '✗' : '–'} ${step.name}: ${step.detail}</li>`)}</ul>
    </div>`;
}

function locationCard(location: LocationView): Markup {
  const path = `/locations/${encodeURIComponent(location.id)}`;
  const token = location.refreshTokenRejected
    ? html`<span class="bad">GHL refused the refresh token: connect this location again</span>`
    : location.accessTokenValid
      ? html`<span class="ok">valid until ${time(location.expiresAt)}</span>`
      : html`<span class="muted">expired: refreshed on the next call</span>`;
  return html`<section class="card location" id="location-${location.id}" data-location-id="${location.id}">
    <h3>Location <code>${location.id}</code></h3>
    <p>Access token: ${token}<br>Last refresh: ${time(location.lastRefresh, 'none since the app started')}<br>Connected: ${time(location.connectedAt, 'before the app started')}</p>
    <form method="post" action="${path}/self-test"><button type="submit">Run self-test</button></form>
    <form method="post" action="${path}/sync"><button type="submit">Sync test users</button></form>
    ${selfTestResult(location.selfTest)}
  </section>`;
}

function provisionResult(provision: AgencyView['provision']): Markup | string {
  if (!provision) return html`<p class="muted">Not provisioned since the app started.</p>`;
  return html`<p class="provision ${provision.failed.length === 0 ? 'ok' : 'bad'}">Provisioned at ${time(provision.ranAt)}: ${provision.ok.length} of ${provision.total} locations hold a token${
    provision.failed.length === 0 ? '' : html`; failed: ${provision.failed.map((failure) => `${failure.locationId} (${failure.message})`).join(', ')}`
  }.</p>`;
}

function agencyLocationRows(locations: AgencyView['locations']): Markup {
  if ('error' in locations) return html`<p class="bad agency-locations-error">Could not list the agency's locations: ${locations.error}</p>`;
  if (locations.length === 0) return html`<p class="muted">GHL lists no location with the app installed.</p>`;
  return html`<table class="agency-locations">
    <tr><th>Location</th><th>Id</th><th>Access token</th></tr>
    ${locations.map(
      (location) => html`<tr data-location-id="${location.id}"><td>${location.name}</td><td><code>${location.id}</code></td><td>${
        !location.hasTokens
          ? html`<span class="muted">none yet: minted on the first call</span>`
          : location.accessTokenValid
            ? html`<span class="ok">valid until ${time(location.expiresAt)}</span>`
            : html`<span class="muted">expired: minted again on the next call</span>`
      }</td></tr>`,
    )}
  </table>`;
}

function agencyCard(agency: AgencyView): Markup {
  const token = agency.refreshTokenRejected
    ? html`<span class="bad">GHL refused the refresh token: install the app for the agency again</span>`
    : agency.tokenValid
      ? html`<span class="ok">valid until ${time(agency.expiresAt)}</span>`
      : html`<span class="muted">expired: refreshed on the next call</span>`;
  return html`<section class="card agency" id="agency-${agency.companyId}" data-company-id="${agency.companyId}">
    <h3>Agency <code>${agency.companyId}</code></h3>
    <p>Company token: ${token}<br>Connected: ${time(agency.connectedAt, 'before the app started')}</p>
    ${provisionResult(agency.provision)}
    ${agencyLocationRows(agency.locations)}
  </section>`;
}

function connectedBanner(key: string | undefined): Markup | string {
  if (!key) return '';
  const companyId = companyIdOfKey(key);
  return companyId === undefined
    ? html`<p class="banner" id="connected">Connected location <code>${key}</code>.</p>`
    : html`<p class="banner" id="connected">Connected the agency <code>${companyId}</code>.</p>`;
}

function webhookTable(webhooks: ReceivedWebhook[]): Markup {
  if (webhooks.length === 0) return html`<p class="muted" id="no-webhooks">No webhooks received yet.</p>`;
  return html`<table id="webhooks">
    <tr><th>Type</th><th>Location</th><th>Received</th><th>Webhook id</th></tr>
    ${webhooks.map((webhook) => html`<tr><td>${webhook.type}</td><td>${webhook.target ?? '–'}</td><td>${time(webhook.receivedAt)}</td><td><code>${webhook.webhookId}</code></td></tr>`)}
  </table>`;
}

export function homePage(view: HomeView): Markup {
  const body =
    view.locations.length === 0 && view.agencies.length === 0
      ? html`<p>No HighLevel location is connected yet.</p>${connectForm('Connect HighLevel')}`
      : html`${connectedBanner(view.connected)}
    ${view.agencies.length === 0 ? '' : html`<h2>Connected agencies</h2>${view.agencies.map(agencyCard)}`}
    ${view.locations.length === 0 ? '' : html`<h2>Connected locations</h2>${view.locations.map(locationCard)}`}
    ${connectForm('Connect another location')}`;
  return layout(
    view.appName,
    html`<h1>${view.appName}</h1>
  ${body}
  <h2>Last webhooks</h2>
  ${webhookTable(view.webhooks)}`,
  );
}

/** A page for a path that went wrong; `what` is the heading, `detail` says what happened and what to do. */
export function messagePage(what: string, detail: string, id: string): Markup {
  return layout(what, html`<h1 id="${id}">${what}</h1><p>${detail}</p>${connectForm('Connect HighLevel')}`);
}

function syncCounts(snapshot: SyncSnapshot): string {
  return `${snapshot.done} of ${snapshot.total} done: ${snapshot.created} created, ${snapshot.updated} updated, ${snapshot.failed} failed`;
}

function syncStatus(snapshot: SyncSnapshot): string {
  if (!snapshot.finished) return 'Running…';
  return snapshot.error ? `Stopped: ${snapshot.error}` : 'Done';
}

/** The bulk sync's page: server-rendered as it stands, then kept live by the SSE stream. */
export function syncPage(snapshot: SyncSnapshot): Markup {
  return layout(
    'Sync test users',
    html`<h1>Sync test users to <code>${snapshot.locationId}</code></h1>
  <progress id="progress" value="${snapshot.done}" max="${snapshot.total}"></progress>
  <p id="counts">${syncCounts(snapshot)}</p>
  <p id="status" data-finished="${String(snapshot.finished)}">${syncStatus(snapshot)}</p>
  <script>
    // Live progress: one 'progress' event per synced row, the last one with finished: true.
    const source = new EventSource(location.pathname + '/events');
    source.addEventListener('progress', (event) => {
      const s = JSON.parse(event.data);
      document.getElementById('progress').value = s.done;
      document.getElementById('counts').textContent = s.done + ' of ' + s.total + ' done: ' + s.created + ' created, ' + s.updated + ' updated, ' + s.failed + ' failed';
      const status = document.getElementById('status');
      status.textContent = !s.finished ? 'Running…' : s.error ? 'Stopped: ' + s.error : 'Done';
      status.dataset.finished = String(s.finished);
      status.dataset.events = String(Number(status.dataset.events || 0) + 1);
      if (s.finished) source.close();
    });
  </script>`,
  );
}
