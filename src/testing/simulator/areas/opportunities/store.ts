import { randomUUID } from 'node:crypto';
import { ghlId } from '../../ids.js';

/** A pipeline stage as GHL answers it (objects, though the spec types them as arrays). */
export interface SimulatedStage {
  /** A UUID, like the spec's `pipelineStageId` examples. */
  id: string;
  name: string;
  position: number;
  showInFunnel: boolean;
  showInPieChart: boolean;
}

/** A pipeline: the spec's `PipelinesResponseSchema` with stages as objects. */
export interface SimulatedPipeline {
  id: string;
  locationId: string;
  name: string;
  stages: SimulatedStage[];
  showInFunnel: boolean;
  showInPieChart: boolean;
}

/** An opportunity: the read shape of the spec's `SearchOpportunitiesResponseSchema`. */
export interface SimulatedOpportunity {
  id: string;
  locationId: string;
  name: string;
  monetaryValue: number;
  pipelineId: string;
  pipelineStageId: string;
  status: string;
  contactId?: string;
  assignedTo?: string;
  source: string;
  lostReasonId?: string;
  customFields: Array<{ id: string; fieldValue: unknown }>;
  followers: string[];
  /** ISO timestamps by the simulator's clock. */
  createdAt: string;
  updatedAt: string;
  lastStatusChangeAt: string;
  lastStageChangeAt: string;
}

/** What a write may set (already validated by the route). */
export type OpportunityFields = Partial<Omit<SimulatedOpportunity, 'id' | 'locationId' | 'createdAt' | 'updatedAt' | 'lastStatusChangeAt' | 'lastStageChangeAt' | 'customFields'>> & {
  customFields?: Array<{ id?: string; key?: string; field_value: unknown }>;
};

/**
 * Pipelines and opportunities of every location. Opportunities are kept in creation order (the
 * order `GET /opportunities/search` pages through); an index by id keeps lookups and cursors cheap
 * over tens of thousands of them.
 */
export class OpportunityStore {
  private readonly pipelines = new Map<string, SimulatedPipeline>();
  private readonly opportunities = new Map<string, SimulatedOpportunity>();
  /** Creation order; deleted ids are removed. */
  private order: string[] = [];
  /** The last `createdAt` handed out: a later creation never gets an earlier or equal time. */
  private lastCreatedMs = 0;

  addPipeline(fields: { locationId: string; name: string; id?: string | undefined; stages: Array<string | { name: string; id?: string | undefined }> }): SimulatedPipeline {
    const stages = fields.stages.map((stage, position) => {
      const { name, id = randomUUID() } = typeof stage === 'string' ? { name: stage } : stage;
      return { id, name, position, showInFunnel: true, showInPieChart: true };
    });
    const pipeline: SimulatedPipeline = { id: fields.id ?? ghlId(), locationId: fields.locationId, name: fields.name, stages, showInFunnel: true, showInPieChart: true };
    this.pipelines.set(pipeline.id, pipeline);
    return pipeline;
  }

  pipeline(id: string): SimulatedPipeline | undefined {
    return this.pipelines.get(id);
  }

  /** Pipelines of `locationId`, or of every location when omitted, oldest first. */
  listPipelines(locationId?: string): SimulatedPipeline[] {
    return [...this.pipelines.values()].filter((pipeline) => locationId === undefined || pipeline.locationId === locationId);
  }

  clearPipelines(): void {
    this.pipelines.clear();
  }

  /** Stores a new opportunity; `createdAt` strictly increases with creation order. */
  create(locationId: string, fields: OpportunityFields & { pipelineId: string; pipelineStageId: string; name: string }, nowMs: number, fixed: { id?: string | undefined; createdAt?: string | undefined } = {}): SimulatedOpportunity {
    const createdMs = fixed.createdAt === undefined ? Math.max(nowMs, this.lastCreatedMs + 1) : Date.parse(fixed.createdAt);
    this.lastCreatedMs = Math.max(this.lastCreatedMs, createdMs);
    const at = new Date(createdMs).toISOString();
    const opportunity: SimulatedOpportunity = {
      id: fixed.id ?? ghlId(),
      locationId,
      name: fields.name,
      monetaryValue: 0,
      pipelineId: fields.pipelineId,
      pipelineStageId: fields.pipelineStageId,
      status: 'open',
      source: '',
      customFields: [],
      followers: [],
      createdAt: at,
      updatedAt: at,
      lastStatusChangeAt: at,
      lastStageChangeAt: at,
    };
    this.assign(opportunity, fields, at);
    this.opportunities.set(opportunity.id, opportunity);
    this.order.push(opportunity.id);
    return opportunity;
  }

  get(id: string): SimulatedOpportunity | undefined {
    return this.opportunities.get(id);
  }

  /** Applies validated fields; stage and status changes move their timestamps. */
  apply(opportunity: SimulatedOpportunity, fields: OpportunityFields, nowMs: number): SimulatedOpportunity {
    this.assign(opportunity, fields, new Date(nowMs).toISOString());
    return opportunity;
  }

  delete(id: string): boolean {
    if (!this.opportunities.delete(id)) return false;
    this.order = this.order.filter((candidate) => candidate !== id);
    return true;
  }

  /** Opportunities of `locationId`, or of every location when omitted, in creation order. */
  list(locationId?: string): SimulatedOpportunity[] {
    const all = this.order.map((id) => this.opportunities.get(id) as SimulatedOpportunity);
    return locationId === undefined ? all : all.filter((opportunity) => opportunity.locationId === locationId);
  }

  clear(): void {
    this.opportunities.clear();
    this.order = [];
  }

  private assign(opportunity: SimulatedOpportunity, fields: OpportunityFields, at: string): void {
    const { customFields, followers, ...rest } = fields;
    if (rest.pipelineStageId !== undefined && rest.pipelineStageId !== opportunity.pipelineStageId) opportunity.lastStageChangeAt = at;
    if (rest.status !== undefined && rest.status !== opportunity.status) opportunity.lastStatusChangeAt = at;
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) (opportunity as unknown as Record<string, unknown>)[key] = value;
    if (customFields) {
      for (const field of customFields) {
        const fieldId = field.id ?? field.key ?? '';
        const existing = opportunity.customFields.find((candidate) => candidate.id === fieldId);
        if (existing) existing.fieldValue = field.field_value;
        else opportunity.customFields.push({ id: fieldId, fieldValue: field.field_value });
      }
    }
    if (followers) opportunity.followers = [...followers];
    opportunity.updatedAt = at;
  }
}
