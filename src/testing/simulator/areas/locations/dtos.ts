import type { Dto } from '../../dto.js';

/* Request bodies of spec/apps/locations.json's custom fields, custom values and tags (never the SDK's schemas). */

const MODEL = ['contact', 'opportunity'] as const;

const CUSTOM_FIELD_FIELDS = {
  placeholder: { kind: 'string' },
  acceptedFormat: { kind: 'stringArray' },
  isMultipleFile: { kind: 'boolean' },
  maxNumberOfFiles: { kind: 'number' },
  textBoxListOptions: { kind: 'objectArray' },
  position: { kind: 'number' },
  model: { kind: 'string', values: MODEL },
} as const;

/** CreateCustomFieldsDTO: `name`, `dataType` required. */
export const CREATE_CUSTOM_FIELD: Dto = { name: { kind: 'string', required: true }, dataType: { kind: 'string', required: true }, ...CUSTOM_FIELD_FIELDS };
/** UpdateCustomFieldsDTO: `name` required, no `dataType`. */
export const UPDATE_CUSTOM_FIELD: Dto = { name: { kind: 'string', required: true }, ...CUSTOM_FIELD_FIELDS };
/** customValuesDTO (create and update). */
export const CUSTOM_VALUE: Dto = { name: { kind: 'string', required: true }, value: { kind: 'string', required: true } };
/** tagBody. */
export const TAG: Dto = { name: { kind: 'string', required: true } };
/** The `model` query of `GET /locations/{locationId}/customFields`. */
export const LIST_MODELS = ['contact', 'opportunity', 'all'] as const;
