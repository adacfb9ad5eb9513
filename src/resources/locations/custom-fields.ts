import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { createCustomFieldSchema, customFieldEnvelopeSchema, customFieldsResponseSchema, listCustomFieldsSchema, updateCustomFieldSchema } from './schemas.js';
import type { CreateCustomFieldInput, CustomField, ListCustomFieldsParams, UpdateCustomFieldInput } from './types.js';

/** `ghl.locations.customFields`: the client's location's custom field definitions. */
export class LocationCustomFields extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /locations/{locationId}/customFields` (all of them: GHL does not page this list). */
  async list(params: ListCustomFieldsParams = {}, call?: CallOptions): Promise<CustomField[]> {
    const query = this.validate(listCustomFieldsSchema, params, 'custom field list parameters');
    const answer = await this.request({ method: 'GET', path: path`/locations/${{ locationId: this.locationId }}/customFields`, query, response: customFieldsResponseSchema, what: 'custom field list', scope: 'locations/customFields.readonly' }, call);
    return answer.customFields as CustomField[];
  }

  /** `GET /locations/{locationId}/customFields/{id}`. */
  async get(id: string, call?: CallOptions): Promise<CustomField> {
    const answer = await this.request({ method: 'GET', path: path`/locations/${{ locationId: this.locationId }}/customFields/${{ id }}`, response: customFieldEnvelopeSchema, what: 'custom field get', scope: 'locations/customFields.readonly' }, call);
    return answer.customField as CustomField;
  }

  /** `POST /locations/{locationId}/customFields`. Never replayed once it may have reached GHL. */
  async create(input: CreateCustomFieldInput, call?: CallOptions): Promise<CustomField> {
    const url = path`/locations/${{ locationId: this.locationId }}/customFields`;
    const body = this.validate(createCustomFieldSchema, input, 'custom field');
    const answer = await this.request(
      { method: 'POST', path: url, body, idempotent: false, nextStep: 'list the custom fields to see whether it was created before creating it again', response: customFieldEnvelopeSchema, what: 'custom field create', scope: 'locations/customFields.write' },
      call,
    );
    return answer.customField as CustomField;
  }

  /** `PUT /locations/{locationId}/customFields/{id}` (GHL requires `name`; `dataType` cannot change). */
  async update(id: string, input: UpdateCustomFieldInput, call?: CallOptions): Promise<CustomField> {
    const url = path`/locations/${{ locationId: this.locationId }}/customFields/${{ id }}`;
    const body = this.validate(updateCustomFieldSchema, input, 'custom field update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: customFieldEnvelopeSchema, what: 'custom field update', scope: 'locations/customFields.write' }, call);
    return answer.customField as CustomField;
  }

  /** `DELETE /locations/{locationId}/customFields/{id}`. */
  async delete(id: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/locations/${{ locationId: this.locationId }}/customFields/${{ id }}`, what: 'custom field delete', scope: 'locations/customFields.write' }, call);
  }
}
