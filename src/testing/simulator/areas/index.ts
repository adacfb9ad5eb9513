import type { AreaControls, AreaRouteKey } from '../area.js';
import { agencyArea } from './agency/index.js';
import { calendarsArea } from './calendars/index.js';
import { contactsArea } from './contacts/index.js';

/**
 * Every API area the simulator serves, by the name its controls get on the simulator
 * (`sim.contacts`). Adding an area: its folder under `areas/` and one line here
 * (docs/architecture.md "Adding a resource").
 */
export const AREAS = {
  contacts: contactsArea,
  calendars: calendarsArea,
  agency: agencyArea,
};

/** `sim.contacts`, … */
export type GHLSimulatorAreas = AreaControls<typeof AREAS>;

/** Every `'METHOD /path/:param'` the areas serve. */
export type GHLAreaRoute = AreaRouteKey<typeof AREAS>;
