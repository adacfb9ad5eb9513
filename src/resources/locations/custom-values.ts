import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { customValueEnvelopeSchema, customValueSchema, customValuesResponseSchema } from './schemas.js';
import type { CustomValue, CustomValueInput } from './types.js';

/** `ghl.locations.customValues`: the client's location's custom values (`{{ custom_values.x }}`). */
export class LocationCustomValues extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /locations/{locationId}/customValues` (all of them: GHL does not page this list). */
  async list(call?: CallOptions): Promise<CustomValue[]> {
    const answer = await this.request({ method: 'GET', path: path`/locations/${{ locationId: this.locationId }}/customValues`, response: customValuesResponseSchema, what: 'custom value list', scope: 'locations/customValues.readonly' }, call);
    return answer.customValues as CustomValue[];
  }

  /** `GET /locations/{locationId}/customValues/{id}`. */
  async get(id: string, call?: CallOptions): Promise<CustomValue> {
    const answer = await this.request({ method: 'GET', path: path`/locations/${{ locationId: this.locationId }}/customValues/${{ id }}`, response: customValueEnvelopeSchema, what: 'custom value get', scope: 'locations/customValues.readonly' }, call);
    return answer.customValue as CustomValue;
  }

  /** `POST /locations/{locationId}/customValues`. Never replayed once it may have reached GHL. */
  async create(input: CustomValueInput, call?: CallOptions): Promise<CustomValue> {
    const url = path`/locations/${{ locationId: this.locationId }}/customValues`;
    const body = this.validate(customValueSchema, input, 'custom value');
    const answer = await this.request(
      { method: 'POST', path: url, body, idempotent: false, nextStep: 'list the custom values to see whether it was created before creating it again', response: customValueEnvelopeSchema, what: 'custom value create', scope: 'locations/customValues.write' },
      call,
    );
    return answer.customValue as CustomValue;
  }

  /** `PUT /locations/{locationId}/customValues/{id}` (GHL requires both `name` and `value`). */
  async update(id: string, input: CustomValueInput, call?: CallOptions): Promise<CustomValue> {
    const url = path`/locations/${{ locationId: this.locationId }}/customValues/${{ id }}`;
    const body = this.validate(customValueSchema, input, 'custom value update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: customValueEnvelopeSchema, what: 'custom value update', scope: 'locations/customValues.write' }, call);
    return answer.customValue as CustomValue;
  }

  /** `DELETE /locations/{locationId}/customValues/{id}`. */
  async delete(id: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/locations/${{ locationId: this.locationId }}/customValues/${{ id }}`, what: 'custom value delete', scope: 'locations/customValues.write' }, call);
  }
}
