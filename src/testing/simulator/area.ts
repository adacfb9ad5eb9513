import type { ApiRoute } from './api-route.js';
import type { ResolvedOptions } from './options.js';
import type { GHLSimulatorStats } from './stats.js';
import type { TokenRegistry } from './tokens.js';
import type { WebhookEmitter } from './webhook-sender.js';

/**
 * One API area of the simulator (contacts, opportunities, …), built from its own folder under
 * `areas/`: its routes, and the test controls exposed under its name (`sim.contacts.seed(…)`). The
 * engine wraps every route in the generic checks (fault injection, token, rate limit, Version, stats).
 */
export interface SimArea<Control = unknown, Route extends ApiRoute = ApiRoute> {
  readonly routes: readonly Route[];
  /** Exposed on the simulator under the area's name; what it returns are copies of the area's state. */
  readonly control: Control;
}

/** What an area is built from. */
export interface AreaContext {
  readonly options: ResolvedOptions;
  /** Sends an event to the app's subscribed webhook URLs, signed like GHL (webhook-sender.ts). */
  readonly webhooks: WebhookEmitter;
  /**
   * Another area of the same simulator, built once on first use: a notes route checks the contact
   * store of `use(contactsArea).store`. Never import another area's store as a module singleton.
   */
  use<Area extends SimArea>(factory: AreaFactory<Area>): Area;
  /** The simulator's credentials, for the areas that issue tokens (the agency area's `POST /oauth/locationToken`). */
  readonly registry: TokenRegistry;
  readonly stats: GHLSimulatorStats;
}

export type AreaFactory<Area extends SimArea = SimArea> = (context: AreaContext) => Area;

/** The controls of a table of areas, by name: `{ contacts: GHLSimulatorContacts, … }`. */
export type AreaControls<Table extends Record<string, AreaFactory>> = { readonly [Name in keyof Table]: ReturnType<Table[Name]>['control'] };

/** Every route key the areas of a table serve, as a string union (for `GHLRoute`'s autocompletion). */
export type AreaRouteKey<Table extends Record<string, AreaFactory>> = ReturnType<Table[keyof Table]>['routes'][number]['key'];

/**
 * Builds each area of `table` once, in table order. Routes are ordered most specific first (more
 * literal segments), so `GET /opportunities/search` wins over `GET /opportunities/:id` whatever order
 * an area lists them in.
 */
export function buildAreas<Table extends Record<string, AreaFactory>>(
  table: Table,
  options: ResolvedOptions,
  webhooks: WebhookEmitter,
  credentials: { registry: TokenRegistry; stats: GHLSimulatorStats },
): { routes: ApiRoute[]; controls: AreaControls<Table> } {
  const built = new Map<AreaFactory, SimArea>();
  const context: AreaContext = {
    options,
    webhooks,
    registry: credentials.registry,
    stats: credentials.stats,
    use: <Area extends SimArea>(factory: AreaFactory<Area>): Area => {
      let area = built.get(factory);
      if (!area) {
        area = factory(context);
        built.set(factory, area);
      }
      return area as Area;
    },
  };
  const controls: Record<string, unknown> = {};
  const routes: ApiRoute[] = [];
  for (const [name, factory] of Object.entries(table)) {
    const area = context.use(factory);
    controls[name] = area.control;
    routes.push(...area.routes);
  }
  return { routes: routes.sort((a, b) => literalSegments(b) - literalSegments(a)), controls: controls as AreaControls<Table> };
}

function literalSegments(route: ApiRoute): number {
  return route.pattern.segments.filter((segment) => !segment.startsWith(':')).length;
}
