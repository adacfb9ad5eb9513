import type { AreaControls, AreaRouteKey } from '../area.js';
import { agencyArea } from './agency/index.js';
import { calendarsArea } from './calendars/index.js';
import { contactsArea } from './contacts/index.js';
import { opportunitiesArea } from './opportunities/index.js';
import { conversationsArea } from './conversations/index.js';
import { contactActivityArea } from './contact-activity/index.js';
import { usersArea } from './users/index.js';
import { locationsArea } from './locations/index.js';
import { workflowsArea } from './workflows/index.js';

/**
 * Every API area the simulator serves, by the name its controls get on the simulator
 * (`sim.contacts`). Adding an area: its folder under `areas/` and one line here
 * (docs/architecture.md "Adding a resource").
 */
export const AREAS = {
  contacts: contactsArea,
  calendars: calendarsArea,
  opportunities: opportunitiesArea,
  conversations: conversationsArea,
  contactActivity: contactActivityArea,
  users: usersArea,
  locations: locationsArea,
  workflows: workflowsArea,
  agency: agencyArea,
};

/** `sim.contacts`, … */
export type GHLSimulatorAreas = AreaControls<typeof AREAS>;

/** Every `'METHOD /path/:param'` the areas serve. */
export type GHLAreaRoute = AreaRouteKey<typeof AREAS>;
