import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { tagEnvelopeSchema, tagSchema, tagsResponseSchema } from './schemas.js';
import type { LocationTag, TagInput } from './types.js';

/** `ghl.locations.tags`: the tags defined on the client's location (contacts carry them by name). */
export class LocationTags extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /locations/{locationId}/tags`. */
  async list(call?: CallOptions): Promise<LocationTag[]> {
    const answer = await this.request({ method: 'GET', path: path`/locations/${{ locationId: this.locationId }}/tags`, response: tagsResponseSchema, what: 'tag list', scope: 'locations/tags.readonly' }, call);
    return answer.tags as LocationTag[];
  }

  /** `POST /locations/{locationId}/tags`. Never replayed once it may have reached GHL. */
  async create(input: TagInput, call?: CallOptions): Promise<LocationTag> {
    const url = path`/locations/${{ locationId: this.locationId }}/tags`;
    const body = this.validate(tagSchema, input, 'tag');
    const answer = await this.request(
      { method: 'POST', path: url, body, idempotent: false, nextStep: 'list the tags to see whether it was created before creating it again', response: tagEnvelopeSchema, what: 'tag create', scope: 'locations/tags.write' },
      call,
    );
    return answer.tag as LocationTag;
  }

  /** `PUT /locations/{locationId}/tags/{tagId}`: renames the tag. */
  async update(tagId: string, input: TagInput, call?: CallOptions): Promise<LocationTag> {
    const url = path`/locations/${{ locationId: this.locationId }}/tags/${{ tagId }}`;
    const body = this.validate(tagSchema, input, 'tag update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: tagEnvelopeSchema, what: 'tag update', scope: 'locations/tags.write' }, call);
    return answer.tag as LocationTag;
  }

  /** `DELETE /locations/{locationId}/tags/{tagId}`. */
  async delete(tagId: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/locations/${{ locationId: this.locationId }}/tags/${{ tagId }}`, what: 'tag delete', scope: 'locations/tags.write' }, call);
  }
}
