import type { AreaContext } from '../../area.js';
import { contactsArea } from '../contacts/index.js';
import { workflowsArea } from '../workflows/index.js';
import { contactActivityControl } from './control.js';
import { contactActivityRoutes } from './routes.js';
import { ContactActivityStore } from './store.js';

/**
 * What hangs off a contact (spec/apps/contacts.json): notes, tasks, workflow enrolment, and the
 * duplicate lookup. Contacts come from the contacts area's store, workflows from the workflows area's.
 */
export function contactActivityArea(context: AreaContext) {
  const store = new ContactActivityStore();
  const routes = contactActivityRoutes(store, context.use(contactsArea).store, context.use(workflowsArea).store);
  return { store, routes, control: contactActivityControl(store, context.options) };
}
