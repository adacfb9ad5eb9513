import type { AreaContext } from '../../area.js';
import { locationsControl } from './control.js';
import { locationRoutes } from './routes.js';
import { LocationStore } from './store.js';

/** Locations (Version 2021-07-28): the location itself, its custom fields, custom values and tags, and `sim.locations`. */
export function locationsArea({ options }: AreaContext) {
  const store = new LocationStore({ companyId: options.companyId });
  return { store, routes: locationRoutes(store), control: locationsControl(store, options) };
}
