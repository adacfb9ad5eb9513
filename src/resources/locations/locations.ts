import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { LocationCustomFields } from './custom-fields.js';
import { LocationCustomValues } from './custom-values.js';
import { LocationTags } from './tags.js';
import { locationEnvelopeSchema } from './schemas.js';
import type { Location } from './types.js';

/** GHL locations (sub-accounts; `/locations/*`, Version 2021-07-28). Sub-resources work on the client's location. */
export class Locations extends APIResource {
  protected readonly version = '2021-07-28';
  /** Custom field definitions: `ghl.locations.customFields.list({ model: 'contact' })`. */
  readonly customFields = new LocationCustomFields(this.requester);
  /** Custom values: `ghl.locations.customValues.create({ name, value })`. */
  readonly customValues = new LocationCustomValues(this.requester);
  /** Tags: `ghl.locations.tags.create({ name })`. */
  readonly tags = new LocationTags(this.requester);

  /** `GET /locations/{locationId}`; default: the client's own location. */
  async get(locationId: string = this.locationId, call?: CallOptions): Promise<Location> {
    const answer = await this.request({ method: 'GET', path: path`/locations/${{ locationId }}`, response: locationEnvelopeSchema, what: 'location get', scope: 'locations.readonly' }, call);
    return answer.location as Location;
  }
}
