/** A workflow as `GET /workflows/` returns it (spec/apps/workflows.json). Only `id` is guaranteed. */
export interface Workflow {
  id: string;
  name?: string | undefined;
  /** `draft` or `published`. */
  status?: string | undefined;
  version?: number | undefined;
  createdAt?: string | undefined;
  updatedAt?: string | undefined;
  locationId?: string | undefined;
}
