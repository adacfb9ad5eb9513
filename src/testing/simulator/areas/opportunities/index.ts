import type { AreaContext } from '../../area.js';
import { contactsArea } from '../contacts/index.js';
import { DEFAULT_PIPELINE_STAGES, opportunitiesControl } from './control.js';
import { opportunityRoutes } from './routes.js';
import { OpportunityStore } from './store.js';

/**
 * Opportunities and pipelines (spec/apps/opportunities.json, Version 2021-07-28): the store, its
 * routes and `sim.opportunities` (with `sim.opportunities.pipelines`). The simulator's location
 * starts with one pipeline, so an opportunity can be created without seeding anything first.
 * Contacts come from the contacts area: an opportunity's `contactId` must name one of them.
 */
export function opportunitiesArea({ options, use }: AreaContext) {
  const store = new OpportunityStore();
  store.addPipeline({ locationId: options.locationId, name: 'Sales Pipeline', stages: [...DEFAULT_PIPELINE_STAGES] });
  return { store, routes: opportunityRoutes(store, use(contactsArea).store), control: opportunitiesControl(store, options) };
}
