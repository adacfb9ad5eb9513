import type { ResolvedOptions } from '../../options.js';
import type { OpportunityFields, OpportunityStore, SimulatedOpportunity, SimulatedPipeline } from './store.js';

/** Test helpers for the simulator's pipelines (`sim.opportunities.pipelines`); everything returned is a copy. */
export interface GHLSimulatorPipelines {
  /** Pipelines of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedPipeline[];
  get(id: string): SimulatedPipeline | undefined;
  /** Removes every pipeline, the default one included. */
  clear(): void;
  /** Stores a pipeline with its stages in order (`locationId` defaults to the simulator's; ids may be fixed). */
  seed(pipeline: { name: string; stages: Array<string | { name: string; id?: string }>; id?: string; locationId?: string }): SimulatedPipeline;
}

/** Test helpers for the simulator's opportunities (`sim.opportunities`); everything returned is a copy. */
export interface GHLSimulatorOpportunities {
  /** Opportunities of `locationId`, or of every location when omitted, in creation order. */
  list(locationId?: string): SimulatedOpportunity[];
  get(id: string): SimulatedOpportunity | undefined;
  clear(): void;
  /**
   * Stores an opportunity directly, bypassing validation (`locationId` defaults to the simulator's,
   * `pipelineId` to the location's first pipeline, the stage to its first stage; `id` and `createdAt`
   * may be fixed). Returns the stored opportunity.
   */
  seed(opportunity?: OpportunityFields & { id?: string; locationId?: string; createdAt?: string }): SimulatedOpportunity;
  /** The location's pipelines; a fresh simulator has one, "Sales Pipeline" (`DEFAULT_PIPELINE_STAGES`). */
  readonly pipelines: GHLSimulatorPipelines;
}

/** The stages of the pipeline every simulated location starts with. */
export const DEFAULT_PIPELINE_STAGES = ['New Lead', 'Contacted', 'Proposal Sent', 'Closed'] as const;

export function opportunitiesControl(store: OpportunityStore, options: ResolvedOptions): GHLSimulatorOpportunities {
  const pipelines: GHLSimulatorPipelines = {
    list: (locationId) => structuredClone(store.listPipelines(locationId)),
    get: (id) => structuredClone(store.pipeline(id)),
    clear: () => store.clearPipelines(),
    seed: ({ locationId = options.locationId, ...fields }) => structuredClone(store.addPipeline({ ...fields, locationId })),
  };
  return {
    list: (locationId) => structuredClone(store.list(locationId)),
    get: (id) => structuredClone(store.get(id)),
    clear: () => store.clear(),
    seed: (opportunity = {}) => {
      const { locationId = options.locationId, id, createdAt, ...fields } = opportunity;
      const pipeline = store.pipeline(fields.pipelineId ?? '') ?? store.listPipelines(locationId)[0];
      if (!pipeline) throw new Error(`sim.opportunities.seed: location ${locationId} has no pipeline; seed one with sim.opportunities.pipelines.seed(…) first`);
      const pipelineStageId = fields.pipelineStageId ?? pipeline.stages[0]?.id ?? '';
      const seeded = store.create(locationId, { ...fields, name: fields.name ?? 'Opportunity', pipelineId: pipeline.id, pipelineStageId }, options.now(), { id, createdAt });
      return structuredClone(seeded);
    },
    pipelines,
  };
}
