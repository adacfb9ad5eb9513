import type { ApiRoute } from './api-route.js';
import { badRequest, unauthorized, unknownRoute, wrongTokenClass } from './api-errors.js';
import type { GHLSimulatorAgency } from './areas/agency/control.js';
import { buildAreas, type AreaControls, type AreaFactory } from './area.js';
import { AREAS } from './areas/index.js';
import { CONSENT_PATH, handleConsentRequest, isConsentRequest } from './consent.js';
import { createControl, type GHLSimulatorControl, type SimulatorControlBase } from './control.js';
import { FaultQueue, type GHLFault } from './faults.js';
import { handleTokenRequest, INVALID_REFRESH_GRANT, TOKEN_ROUTE } from './oauth.js';
import { resolveOptions, type GHLSimulationOptions, type ResolvedOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { matchPattern, parsePattern } from './routes.js';
import { createStats, type GHLSimulatorStats } from './stats.js';
import { TokenRegistry, type AccessRecord } from './tokens.js';
import { json, type SimOutcome, type SimRequest, type SimResponse } from './wire.js';
import { WebhookSender } from './webhook-sender.js';

/** The simulator minus any transport: both adapters feed it requests and carry out its outcomes. */
export interface Engine<Control = GHLSimulatorControl> {
  handle(request: SimRequest): SimOutcome;
  control: Control;
}

/** Everything the engine and its control surface share; each API area keeps its own state (area.ts). */
export interface EngineState {
  options: ResolvedOptions;
  registry: TokenRegistry;
  faults: FaultQueue;
  stats: GHLSimulatorStats;
  /** Signs and sends webhooks to the app's URLs; areas emit through `AreaContext.webhooks`. */
  webhooks: WebhookSender;
}

const tokenPattern = parsePattern(TOKEN_ROUTE);

export function createEngine(input?: GHLSimulationOptions): Engine;
/** With its own table of areas instead of every API area (areas/index.ts): tests check the generic rules on any route. */
export function createEngine<Table extends Record<string, AreaFactory>>(input: GHLSimulationOptions, areas: Table): Engine<SimulatorControlBase & AreaControls<Table>>;
export function createEngine(input: GHLSimulationOptions = {}, areas: Record<string, AreaFactory> = AREAS): Engine<unknown> {
  const options = resolveOptions(input);
  const state: EngineState = {
    options,
    registry: new TokenRegistry(options),
    faults: new FaultQueue(),
    stats: createStats(),
    webhooks: new WebhookSender(options.now),
  };
  const limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit);
  const { routes, controls } = buildAreas(areas, options, state.webhooks, state);
  const { stats } = state;
  // The consent page's agency option issues what `sim.agency.bulkInstall()` does; absent from engines built without the agency area.
  const agencyControl = (controls as { agency?: GHLSimulatorAgency }).agency;

  function handle(request: SimRequest): SimOutcome {
    // The consent page is a browser page, not an API call: no token, rate limit or fault applies.
    if (isConsentRequest(request)) {
      const key = `${request.method.toUpperCase()} ${CONSENT_PATH}`;
      stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
      return { kind: 'respond', delayMs: options.latencyMs, response: safely(() => handleConsentRequest(request, state, agencyControl)) };
    }
    const isToken = matchPattern(tokenPattern, request.method, request.path) !== undefined;
    const matched = isToken ? undefined : findRoute(routes, request);
    const routeKey = isToken ? TOKEN_ROUTE : (matched?.route.key ?? `${request.method.toUpperCase()} ${request.path}`);
    stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1;
    if (isToken) stats.tokenRequests++;
    else stats.apiRequests++;

    const fault = state.faults.take(request.method, request.path);
    const delayMs = options.latencyMs + (fault?.kind === 'latency' ? fault.ms : 0);
    if (fault?.kind === 'drop') return { kind: 'drop', delayMs };
    const injected = fault && injectedResponse(fault);
    const response = injected ?? safely(() => (isToken ? handleTokenRequest(request, state) : handleApi(request, matched)));
    if (fault?.kind === 'dropAfterProcessing') return { kind: 'drop', delayMs };

    if (response.status === 401) stats.unauthorized++;
    if (response.status === 429) stats.rateLimited++;
    if (isToken && (response.body as { error?: unknown } | undefined)?.error === 'invalid_grant') stats.invalidGrants++;
    // Snapshot now: the adapter serialises after the delay, and the stored record may change meanwhile.
    return { kind: 'respond', delayMs, response: { ...response, body: structuredClone(response.body) } };
  }

  /** Every API route: token (401), rate limit (429), Version (400), then the handler (ghl-api.md §2, §5, §6). */
  function handleApi(request: SimRequest, matched: { route: ApiRoute; params: Record<string, string> } | undefined): SimResponse {
    if (!matched) return unknownRoute(request.method, request.path);
    const now = options.now();
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers['authorization'] ?? '')?.[1];
    const grant = bearer === undefined ? undefined : state.registry.authenticate(bearer, now);
    if (!grant) return unauthorized();
    // The route's `security` (from the spec, ghl-api.md §1.5): an agency token on a sub-account route or the reverse.
    const security = matched.route.security;
    if ((security === 'agency' && grant.userType !== 'Company') || (security === 'location' && grant.userType !== 'Location')) return wrongTokenClass();

    // GHL limits per app per location (ghl-api.md §6); one app per simulator, so per location
    // (per company for agency tokens).
    const decision = limiter?.take(grant.locationId ?? grant.companyId, now);
    const rateHeaders: Record<string, string> = decision?.headers ?? {};
    if (decision && !decision.allowed) {
      return json(429, { statusCode: 429, message: 'Too Many Requests' }, { ...rateHeaders, 'Retry-After': String(decision.retryAfterSeconds) });
    }
    const response = routeResponse(request, matched, grant, now);
    return { ...response, headers: { ...rateHeaders, ...response.headers } };
  }

  function routeResponse(
    request: SimRequest,
    matched: { route: ApiRoute; params: Record<string, string> },
    grant: AccessRecord,
    now: number,
  ): SimResponse {
    const version = request.headers['version'];
    if (options.requireVersionHeader && version !== matched.route.version) {
      return badRequest(
        version === undefined
          ? `Version header was not found. This endpoint needs "Version: ${matched.route.version}".`
          : `Version header "${version}" is not supported by this endpoint; it needs "Version: ${matched.route.version}".`,
      );
    }
    let body: unknown;
    // Form-encoded operations (`POST /oauth/locationToken`, ghl-api.md §11): the fields as strings.
    if ((request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(request.body));
    } else if (request.body.trim() !== '') {
      try {
        body = JSON.parse(request.body);
      } catch {
        return json(400, { statusCode: 400, message: 'Malformed JSON in request body', error: 'Bad Request' });
      }
    }
    return matched.route.handle({ grant, params: matched.params, query: request.query, body, now });
  }

  /** The answer a fault gives instead of processing; undefined for faults that let processing run. */
  function injectedResponse(fault: GHLFault): SimResponse | undefined {
    switch (fault.kind) {
      case 'status':
        return json(fault.status, fault.body === undefined ? { statusCode: fault.status, message: 'Injected fault' } : fault.body, fault.headers ?? {});
      case 'rateLimit':
        return json(429, { statusCode: 429, message: 'Too Many Requests' }, {
          ...(limiter?.exhaustedHeaders() ?? {}),
          ...(fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) }),
        });
      case 'invalidGrant':
        return json(400, INVALID_REFRESH_GRANT);
      default:
        return undefined;
    }
  }

  return { handle, control: createControl(state, controls) };
}

function findRoute(routes: ApiRoute[], request: SimRequest): { route: ApiRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = matchPattern(route.pattern, request.method, request.path);
    if (params) return { route, params };
  }
  return undefined;
}

/** A bug in the simulator answers 500 instead of hanging the client's request. */
function safely(produce: () => SimResponse): SimResponse {
  try {
    return produce();
  } catch (error) {
    return json(500, { statusCode: 500, message: `Simulator error: ${error instanceof Error ? error.message : String(error)}` });
  }
}
