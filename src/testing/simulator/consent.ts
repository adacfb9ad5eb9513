import type { GHLSimulatorAgency } from './areas/agency/control.js';
import type { EngineState } from './engine.js';
import { announceInstall } from './webhook-control.js';
import { html, redirect, type SimRequest, type SimResponse } from './wire.js';

/**
 * GHL's OAuth consent page, the one part of GHL a person clicks through (docs/ghl-api.md §1.1):
 * `GET /v2/oauth/chooselocation?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…`
 * shows the app's name, the requested scopes and a location picker; the form posts back to the same
 * path, and the page redirects to `redirect_uri` with `code` and the unchanged `state`, or with
 * `error=access_denied` (RFC 6749 §4.1.2.1) when the person cancels.
 *
 * With the agency area, the picker also offers the agency itself (docs/ghl-api.md §1.2): a Company
 * grant approved for every sub-account, what `sim.agency.bulkInstall()` issues.
 */
export const CONSENT_PATH = '/v2/oauth/chooselocation';

export function isConsentRequest(request: SimRequest): boolean {
  return request.path.replace(/\/+$/, '') === CONSENT_PATH && (request.method === 'GET' || request.method === 'POST');
}

interface ConsentParams {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
}

/**
 * The picker's value for the agency: the SDK's store key for it (src/agency/keys.ts). No location id
 * starts with `company:`, so it can share the radio group with the locations.
 */
export function agencyChoice(companyId: string): string {
  return `company:${companyId}`;
}

export function handleConsentRequest(request: SimRequest, state: EngineState, agency?: GHLSimulatorAgency): SimResponse {
  const params = request.method === 'GET' ? request.query : new URLSearchParams(request.body);
  const checked = checkParams(params, state);
  if (typeof checked === 'string') return html(400, page('Invalid authorization request', `<p id="error">${escape(checked)}</p>`));
  if (request.method === 'GET') return html(200, consentPage(checked, state, agency !== undefined));

  // The person decided: back to the app, with the `state` it sent, untouched.
  const back = new URL(checked.redirectUri);
  if (checked.state !== undefined) back.searchParams.set('state', checked.state);
  if (params.get('decision') !== 'allow') {
    back.searchParams.set('error', 'access_denied');
    return redirect(back.toString());
  }
  const locationId = params.get('location_id') ?? '';
  if (agency && locationId === agencyChoice(state.options.companyId)) {
    back.searchParams.set('code', installForAgency(agency, state, checked.redirectUri));
    return redirect(back.toString());
  }
  if (!state.options.consentLocations.some((location) => location.id === locationId)) {
    return html(400, page('Choose a location', '<p id="error">Pick one of the listed locations to install the app to.</p>'));
  }
  // What `issueAuthorizationCode()` does: INSTALL races the redirect that carries the code (docs/ghl-api.md §7, §12).
  announceInstall(state, 'Location', locationId);
  back.searchParams.set('code', state.registry.issueCode({ userType: 'Location', locationId }, checked.redirectUri));
  return redirect(back.toString());
}

/**
 * The agency approves the app for all its sub-accounts: the ones this page lists join the agency's
 * locations (not yet installed), then `bulkInstall` marks every location installed, sends INSTALL
 * and issues the Company code whose exchange reports them in `approvedLocations`.
 */
function installForAgency(agency: GHLSimulatorAgency, state: EngineState, redirectUri: string): string {
  const missing = state.options.consentLocations.filter((location) => agency.get(location.id) === undefined);
  if (missing.length > 0) agency.addLocations(missing.map(({ id, name }) => ({ id, name, installed: false })));
  return agency.bulkInstall({ redirectUri });
}

/** The parameters, or why the page refuses them (GHL shows an error instead of redirecting to an unchecked URI). */
function checkParams(params: URLSearchParams, state: EngineState): ConsentParams | string {
  if (params.get('response_type') !== 'code') return 'response_type must be "code".';
  if (params.get('client_id') !== state.options.clientId) return 'Unknown client_id: no app with this id is installed on this simulator.';
  const redirectUri = params.get('redirect_uri') ?? '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(redirectUri);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return 'redirect_uri must be an http(s) URL.';
  const scopes = (params.get('scope') ?? '').split(/\s+/).filter((scope) => scope !== '');
  if (scopes.length === 0) return 'scope must name at least one scope.';
  return { clientId: state.options.clientId, redirectUri, scopes, state: params.get('state') ?? undefined };
}

function consentPage(params: ConsentParams, state: EngineState, offerAgency: boolean): string {
  const { appName, consentLocations, companyId } = state.options;
  const hidden = [
    ['response_type', 'code'],
    ['client_id', params.clientId],
    ['redirect_uri', params.redirectUri],
    ['scope', params.scopes.join(' ')],
    ...(params.state === undefined ? [] : [['state', params.state]]),
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value as string)}">`)
    .join('\n      ');
  const locations = consentLocations
    .map(
      (location, i) =>
        `<label class="location"><input type="radio" name="location_id" value="${escape(location.id)}"${i === 0 ? ' checked' : ''}> ${escape(location.name)} <small>${escape(location.id)}</small></label>`,
    )
    .join('\n        ');
  const agencyOption = offerAgency
    ? `<label class="location agency"><input type="radio" name="location_id" value="${escape(agencyChoice(companyId))}"> Install for the agency (all sub-accounts) <small>${escape(companyId)}</small></label>`
    : '';
  return page(
    `Connect ${appName}`,
    `<p><strong id="app-name">${escape(appName)}</strong> wants to access your HighLevel account.</p>
    <h2>It asks to</h2>
    <ul id="scopes">${params.scopes.map((scope) => `<li>${escape(scope)}</li>`).join('')}</ul>
    <form method="post" action="${CONSENT_PATH}">
      ${hidden}
      <fieldset>
        <legend>Choose a location to install to</legend>
        ${locations}
        ${agencyOption}
      </fieldset>
      <button type="submit" name="decision" value="allow">Allow and install</button>
      <button type="submit" name="decision" value="deny">Cancel</button>
    </form>`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escape(title)} · HighLevel (simulated)</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; color: #1f2937; }
    .badge { font-size: .75rem; background: #fde68a; padding: .1rem .4rem; border-radius: .25rem; }
    fieldset { border: 1px solid #d1d5db; border-radius: .5rem; margin: 1rem 0; }
    .location { display: block; padding: .3rem 0; }
    .agency { border-top: 1px solid #e5e7eb; margin-top: .3rem; }
    small { color: #6b7280; }
    button { font: inherit; padding: .5rem 1rem; margin-right: .5rem; border-radius: .375rem; border: 1px solid #9ca3af; cursor: pointer; }
    button[value="allow"] { background: #2563eb; border-color: #2563eb; color: white; }
  </style>
</head>
<body>
  <p><span class="badge">ghl-sdk simulator</span> HighLevel</p>
  <h1>${escape(title)}</h1>
  ${body}
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
