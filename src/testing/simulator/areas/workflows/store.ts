import { ghlId } from '../../ids.js';

/** A workflow as `GET /workflows/` returns it (spec/apps/workflows.json `WorkflowSchema`). */
export interface SimulatedWorkflow {
  id: string;
  locationId: string;
  name: string;
  /** `draft` or `published`. */
  status: 'draft' | 'published';
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The simulator's workflows, by id. API v2 only reads them; tests seed them. */
export class WorkflowStore {
  private readonly workflows = new Map<string, SimulatedWorkflow>();

  create(fields: { locationId: string; name: string; id?: string | undefined; status?: 'draft' | 'published' | undefined }, now: number): SimulatedWorkflow {
    const { id = ghlId(), status = 'published', ...rest } = fields;
    const stamp = new Date(now).toISOString();
    const workflow: SimulatedWorkflow = { ...rest, id, status, version: 1, createdAt: stamp, updatedAt: stamp };
    this.workflows.set(id, workflow);
    return workflow;
  }

  get(id: string): SimulatedWorkflow | undefined {
    return this.workflows.get(id);
  }

  /** Workflows of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedWorkflow[] {
    return [...this.workflows.values()].filter((workflow) => locationId === undefined || workflow.locationId === locationId);
  }

  clear(): void {
    this.workflows.clear();
  }
}
