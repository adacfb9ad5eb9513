import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { workflowsResponseSchema } from './schemas.js';
import type { Workflow } from './types.js';

/**
 * GHL workflows (`/workflows/`, Version 2021-07-28, scope `workflows.readonly`): read-only in API v2.
 * Enrol a contact with `ghl.contacts.workflows.add(contactId, workflow.id)`.
 */
export class Workflows extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /workflows/?locationId=…`: the client's location's workflows (GHL does not page them). */
  async list(call?: CallOptions): Promise<Workflow[]> {
    const answer = await this.request({ method: 'GET', path: '/workflows/', query: { locationId: this.locationId }, response: workflowsResponseSchema, what: 'workflow list', scope: 'workflows.readonly' }, call);
    return answer.workflows as Workflow[];
  }
}
