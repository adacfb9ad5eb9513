import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { pipelinesResponseSchema } from './schemas.js';
import type { Pipeline } from './types.js';

/** The location's pipelines (`ghl.opportunities.pipelines`, `GET /opportunities/pipelines`). */
export class Pipelines extends APIResource {
  protected readonly version = '2021-07-28';

  /** Every pipeline of the client's location, each with its stages in order. */
  async list(call?: CallOptions): Promise<Pipeline[]> {
    const query = { locationId: this.locationId };
    const answer = await this.request({ method: 'GET', path: '/opportunities/pipelines', query, response: pipelinesResponseSchema, what: 'pipelines list' }, call);
    return answer.pipelines as Pipeline[];
  }
}
