import type { ResolvedOptions } from '../../options.js';
import type { SimulatedWorkflow, WorkflowStore } from './store.js';

/** Test helpers for the simulator's workflows (`sim.workflows`); everything returned is a copy. */
export interface GHLSimulatorWorkflows {
  /** Workflows of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedWorkflow[];
  get(id: string): SimulatedWorkflow | undefined;
  clear(): void;
  /** Stores a workflow (`locationId` defaults to the simulator's, `status` to `published`; `id` may be fixed). */
  seed(workflow: { name: string; locationId?: string; id?: string; status?: 'draft' | 'published' }): SimulatedWorkflow;
}

export function workflowsControl(store: WorkflowStore, options: ResolvedOptions): GHLSimulatorWorkflows {
  return {
    list: (locationId) => structuredClone(store.list(locationId)),
    get: (id) => structuredClone(store.get(id)),
    clear: () => store.clear(),
    seed: ({ locationId = options.locationId, ...fields }) => structuredClone(store.create({ ...fields, locationId }, options.now())),
  };
}
