import type { AreaContext } from '../../area.js';
import { contactsControl } from './control.js';
import { contactRoutes } from './routes.js';
import { NotifyingContactStore } from '../../webhook-contacts.js';

/**
 * Contacts (docs/ghl-api.md §3): the store, its routes and `sim.contacts`. Other areas reach the store
 * through `use(contactsArea).store`. Every change sends the matching contact webhook.
 */
export function contactsArea({ options, webhooks }: AreaContext) {
  const store = new NotifyingContactStore(webhooks);
  return { store, routes: contactRoutes(store, options), control: contactsControl(store, options) };
}
