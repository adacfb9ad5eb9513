import type { AreaContext } from '../../area.js';
import { contactsControl } from './control.js';
import { contactRoutes } from './routes.js';
import { ContactStore } from './store.js';

/** Contacts (docs/ghl-api.md §3): the store, its routes and `sim.contacts`. Other areas reach the store through `use(contactsArea).store`. */
export function contactsArea({ options }: AreaContext) {
  const store = new ContactStore();
  return { store, routes: contactRoutes(store, options), control: contactsControl(store, options) };
}
