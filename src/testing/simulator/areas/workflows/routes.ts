import { routeBuilder } from '../../api-route.js';
import { forbiddenLocation, unprocessable } from '../../api-errors.js';
import { json } from '../../wire.js';
import type { WorkflowStore } from './store.js';

/** spec/apps/workflows.json declares this Version. */
const route = routeBuilder('2021-07-28');

/** `GET /workflows/`: query `locationId` (required); 200 `{workflows}`, not paged. */
export function workflowRoutes(store: WorkflowStore) {
  return [
    route('GET /workflows/', (context) => {
      const locationId = context.query.get('locationId');
      if (!locationId) return unprocessable(['locationId should not be empty']);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      return json(200, { workflows: store.list(locationId) });
    }),
  ];
}
