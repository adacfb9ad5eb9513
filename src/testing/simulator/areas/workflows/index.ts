import type { AreaContext } from '../../area.js';
import { workflowsControl } from './control.js';
import { workflowRoutes } from './routes.js';
import { WorkflowStore } from './store.js';

/** Workflows (Version 2021-07-28): the read-only list, and `sim.workflows`. Contact enrolment lives in contact-activity. */
export function workflowsArea({ options }: AreaContext) {
  const store = new WorkflowStore();
  return { store, routes: workflowRoutes(store), control: workflowsControl(store, options) };
}
