import { routeBuilder, type ApiContext } from '../../api-route.js';
import { forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { objectBody, type Checked } from '../../request-body.js';
import { checkDto, type Dto } from '../../dto.js';
import { json, type SimResponse } from '../../wire.js';
import { CREATE_CUSTOM_FIELD, CUSTOM_VALUE, LIST_MODELS, TAG, UPDATE_CUSTOM_FIELD } from './dtos.js';
import { snakeKey, type LocationRecords, type LocationStore } from './store.js';

/** spec/apps/locations.json declares this Version on every operation. */
const route = routeBuilder('2021-07-28');

/**
 * `GET /locations/{locationId}` and the location's custom fields, custom values and tags. The
 * `:locationId` must be the token's (403 otherwise); bodies are checked (422) before ids (404).
 */
export function locationRoutes(store: LocationStore) {
  return [
    route('GET /locations/:locationId', (context) => {
      const locationId = ownLocation(context);
      return 'error' in locationId ? locationId.error : json(200, { location: store.location(locationId.value) });
    }),

    // Custom fields: list (query `model`: contact | opportunity | all, default contact), CRUD; create answers 201.
    route('GET /locations/:locationId/customFields', (context) => {
      const locationId = ownLocation(context);
      if ('error' in locationId) return locationId.error;
      const model = context.query.get('model') ?? 'contact';
      if (!(LIST_MODELS as readonly string[]).includes(model)) return unprocessable([`model must be one of the following values: ${LIST_MODELS.join(', ')}`]);
      return json(200, { customFields: store.customFields.list(locationId.value).filter((field) => model === 'all' || field.model === model) });
    }),
    route('POST /locations/:locationId/customFields', (context) => {
      const checked = bodyFor(context, CREATE_CUSTOM_FIELD);
      if ('error' in checked) return checked.error;
      const { locationId, body } = checked.value;
      const model = (body['model'] as 'contact' | 'opportunity' | undefined) ?? 'contact';
      const name = body['name'] as string;
      const customField = store.customFields.add({ position: 0, ...body, locationId, name, dataType: body['dataType'] as string, model, fieldKey: `${model}.${snakeKey(name)}` });
      return json(201, { customField });
    }),
    route('GET /locations/:locationId/customFields/:id', (context) => read(context, store.customFields, 'Custom field', 'customField')),
    route('PUT /locations/:locationId/customFields/:id', (context) => update(context, store.customFields, UPDATE_CUSTOM_FIELD, 'Custom field', 'customField')),
    route('DELETE /locations/:locationId/customFields/:id', (context) => remove(context, store.customFields, 'Custom field')),

    // Custom values: list, CRUD; create answers 201; `fieldKey` follows the name.
    route('GET /locations/:locationId/customValues', (context) => {
      const locationId = ownLocation(context);
      return 'error' in locationId ? locationId.error : json(200, { customValues: store.customValues.list(locationId.value) });
    }),
    route('POST /locations/:locationId/customValues', (context) => {
      const checked = bodyFor(context, CUSTOM_VALUE);
      if ('error' in checked) return checked.error;
      const { locationId, body } = checked.value;
      const name = body['name'] as string;
      return json(201, { customValue: store.customValues.add({ locationId, name, value: body['value'] as string, fieldKey: `{{ custom_values.${snakeKey(name)} }}` }) });
    }),
    route('GET /locations/:locationId/customValues/:id', (context) => read(context, store.customValues, 'Custom value', 'customValue')),
    route('PUT /locations/:locationId/customValues/:id', (context) => {
      const answer = update(context, store.customValues, CUSTOM_VALUE, 'Custom value', 'customValue');
      const value = store.customValues.get(context.params['id'] ?? '');
      if (answer.status === 200 && value) value.fieldKey = `{{ custom_values.${snakeKey(value.name)} }}`;
      return answer;
    }),
    route('DELETE /locations/:locationId/customValues/:id', (context) => remove(context, store.customValues, 'Custom value')),

    // Tags: list, create (200, per the spec), get, rename, delete.
    route('GET /locations/:locationId/tags', (context) => {
      const locationId = ownLocation(context);
      return 'error' in locationId ? locationId.error : json(200, { tags: store.tags.list(locationId.value) });
    }),
    route('POST /locations/:locationId/tags', (context) => {
      const checked = bodyFor(context, TAG);
      if ('error' in checked) return checked.error;
      const { locationId, body } = checked.value;
      return json(200, { tag: store.tags.add({ locationId, name: body['name'] as string }) });
    }),
    route('GET /locations/:locationId/tags/:tagId', (context) => read(context, store.tags, 'Tag', 'tag', 'tagId')),
    route('PUT /locations/:locationId/tags/:tagId', (context) => update(context, store.tags, TAG, 'Tag', 'tag', 'tagId')),
    route('DELETE /locations/:locationId/tags/:tagId', (context) => remove(context, store.tags, 'Tag', 'tagId')),
  ];
}

/** The `:locationId`, when it is the token's own. */
function ownLocation(context: ApiContext): Checked<string> {
  const locationId = context.params['locationId'] ?? '';
  return locationId === context.grant.locationId ? { value: locationId } : { error: forbiddenLocation() };
}

/** A body that passes `dto` for the token's own location, or the error to send. */
function bodyFor(context: ApiContext, dto: Dto): Checked<{ locationId: string; body: Record<string, unknown> }> {
  const checked = objectBody(context);
  if ('error' in checked) return checked;
  const body = checked.value;
  const locationId = ownLocation(context);
  if ('error' in locationId) return locationId;
  const messages = checkDto(body, dto);
  return messages.length > 0 ? { error: unprocessable(messages) } : { value: { locationId: locationId.value, body } };
}

type Records = LocationRecords<{ id: string; locationId: string }>;

function find(context: ApiContext, records: Records, label: string, param: string): Checked<{ id: string; locationId: string }> {
  const locationId = ownLocation(context);
  if ('error' in locationId) return locationId;
  const record = records.get(context.params[param] ?? '', locationId.value);
  return record ? { value: record } : { error: notFound(`${label} not found`) };
}

function read(context: ApiContext, records: Records, label: string, key: string, param = 'id'): SimResponse {
  const found = find(context, records, label, param);
  return 'error' in found ? found.error : json(200, { [key]: found.value });
}

function update(context: ApiContext, records: Records, dto: Dto, label: string, key: string, param = 'id'): SimResponse {
  const checked = bodyFor(context, dto);
  if ('error' in checked) return checked.error;
  const found = find(context, records, label, param);
  return 'error' in found ? found.error : json(200, { [key]: Object.assign(found.value, checked.value.body) });
}

function remove(context: ApiContext, records: Records, label: string, param = 'id'): SimResponse {
  const found = find(context, records, label, param);
  if ('error' in found) return found.error;
  records.delete(found.value.id);
  return json(200, { succeded: true });
}
