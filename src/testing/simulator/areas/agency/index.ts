import type { AreaContext } from '../../area.js';
import { agencyControl } from './control.js';
import { agencyRoutes } from './routes.js';
import { AgencyStore } from './store.js';

/**
 * The agency side of a marketplace app (docs/ghl-api.md §1.4, §4): the agency's locations and the
 * app's installs there, `GET /oauth/installedLocations`, `POST /oauth/locationToken` (counted per
 * location in `stats.locationTokenMints`), `GET /locations/search`, and `sim.agency`.
 */
export function agencyArea({ options, registry, stats, webhooks }: AreaContext) {
  const store = new AgencyStore();
  return { store, routes: agencyRoutes(store, { options, registry, stats }), control: agencyControl(store, { options, registry, webhooks }) };
}
