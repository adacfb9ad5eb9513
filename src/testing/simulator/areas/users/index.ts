import type { AreaContext } from '../../area.js';
import { usersControl } from './control.js';
import { userRoutes } from './routes.js';
import { UserStore } from './store.js';

/** Users (Version 2021-07-28): search, by location, by id, and `sim.users`. */
export function usersArea({ options }: AreaContext) {
  const store = new UserStore();
  return { store, routes: userRoutes(store), control: usersControl(store, options) };
}
