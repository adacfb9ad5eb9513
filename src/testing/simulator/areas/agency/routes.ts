import { routeBuilder, type ApiContext } from '../../api-route.js';
import { badRequest, forbiddenLocation, unprocessable } from '../../api-errors.js';
import type { ResolvedOptions } from '../../options.js';
import type { GHLSimulatorStats } from '../../stats.js';
import type { TokenRegistry } from '../../tokens.js';
import { json } from '../../wire.js';
import type { AgencyStore, SimulatedAgencyLocation } from './store.js';

// spec/apps/oauth.json: both OAuth operations are `Agency-Access-Only`, Version 2021-07-28.
const agencyRoute = routeBuilder('2021-07-28', 'agency');
// spec/apps/locations.json: `GET /locations/search` takes `Agency-Access` or `Location-Access`.
const eitherRoute = routeBuilder('2021-07-28', 'both');

/** Marketplace client ids are `<appId>-<suffix>` (docs/ghl-api.md §12). */
function appIdOf(clientId: string): string {
  return clientId.split('-')[0] || clientId;
}

/** A non-negative integer query parameter, GHL's defaults when absent; undefined when malformed. */
function count(query: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * The agency's endpoints of docs/ghl-api.md §1.4 and §4: the locations where the app is installed,
 * location tokens minted from the company token, and the agency's location search.
 */
export function agencyRoutes(store: AgencyStore, deps: { options: ResolvedOptions; registry: TokenRegistry; stats: GHLSimulatorStats }) {
  const { options, registry, stats } = deps;

  /** The agency's own id in the query/body, or the error: an agency token sees only its company. */
  function sameCompany(context: ApiContext, companyId: unknown): ReturnType<typeof forbiddenLocation> | undefined {
    if (typeof companyId !== 'string' || companyId === '') return unprocessable(['companyId should not be empty', 'companyId must be a string']);
    return companyId === context.grant.companyId ? undefined : forbiddenLocation();
  }

  return [
    // `{ locations: [{_id,name,address,isInstalled,versionId,installedAt}], count, installToFutureLocations }`.
    agencyRoute('GET /oauth/installedLocations', (context) => {
      const { query } = context;
      const wrong = sameCompany(context, query.get('companyId') ?? undefined);
      if (wrong) return wrong;
      const appId = query.get('appId');
      if (!appId) return unprocessable(['appId should not be empty', 'appId must be a string']);
      if (appId !== appIdOf(options.clientId)) return badRequest('App not found');
      const skip = count(query, 'skip', 0);
      const limit = count(query, 'limit', 20);
      if (skip === undefined || limit === undefined) return badRequest('skip and limit must be numeric strings');
      const installed = query.get('isInstalled');
      const name = query.get('query')?.toLowerCase();
      const matching = store
        .list()
        .filter((location) => location.companyId === context.grant.companyId)
        .filter((location) => installed === null || String(location.isInstalled) === installed)
        .filter((location) => !name || location.name.toLowerCase().includes(name));
      return json(200, {
        locations: matching.slice(skip, skip + limit).map(installedView),
        count: matching.length,
        installToFutureLocations: store.installToFutureLocations,
      });
    }),

    // Form body `companyId`, `locationId`; answers `GetLocationAccessTokenSuccessfulResponseDto`.
    agencyRoute('POST /oauth/locationToken', (context) => {
      const body = (context.body ?? {}) as Record<string, unknown>;
      const wrong = sameCompany(context, body['companyId']);
      if (wrong) return wrong;
      const locationId = body['locationId'];
      if (typeof locationId !== 'string' || locationId === '') return unprocessable(['locationId should not be empty', 'locationId must be a string']);
      const location = store.get(locationId);
      if (!location || location.companyId !== context.grant.companyId) return badRequest('Location not found');
      if (!location.isInstalled) return badRequest('The app is not installed in this location');
      const minted = registry.mintLocationToken(context.grant, locationId, options.locationTokenRefreshTokens);
      stats.locationTokenMints[locationId] = (stats.locationTokenMints[locationId] ?? 0) + 1;
      return json(200, {
        access_token: minted.accessToken,
        token_type: 'Bearer',
        expires_in: minted.expiresInSeconds,
        ...(minted.refreshToken === undefined ? {} : { refresh_token: minted.refreshToken }),
        scope: minted.scope,
        locationId,
        userId: minted.userId,
        appId: appIdOf(options.clientId),
      });
    }),

    // `{ locations: GetLocationSchema[] }`; an agency token searches its company, a location token sees itself.
    eitherRoute('GET /locations/search', (context) => {
      const { query, grant } = context;
      const companyId = query.get('companyId');
      if (companyId !== null && companyId !== grant.companyId) return forbiddenLocation();
      const skip = count(query, 'skip', 0);
      const limit = count(query, 'limit', 10);
      if (skip === undefined || limit === undefined) return badRequest('skip and limit must be numeric strings');
      const email = query.get('email')?.toLowerCase();
      const all = store
        .list()
        .filter((location) => location.companyId === grant.companyId && (grant.userType === 'Company' || location.id === grant.locationId))
        .filter((location) => !email || location.email?.toLowerCase() === email);
      if (query.get('order') === 'desc') all.reverse();
      return json(200, { locations: all.slice(skip, skip + limit).map(searchView) });
    }),
  ];
}

function installedView(location: SimulatedAgencyLocation): Record<string, unknown> {
  return {
    _id: location.id,
    name: location.name,
    address: location.address,
    isInstalled: location.isInstalled,
    ...(location.installedAt === undefined ? {} : { installedAt: location.installedAt }),
  };
}

function searchView(location: SimulatedAgencyLocation): Record<string, unknown> {
  return { id: location.id, name: location.name, address: location.address, companyId: location.companyId, ...(location.email ? { email: location.email } : {}) };
}
