/*
 * Public location types, written out (not inferred from zod). They mirror spec/apps/locations.json
 * (GetLocationByIdSchema, CustomFieldSchema, Create/UpdateCustomFieldsDTO, CustomValueSchema,
 * customValuesDTO, LocationTagsSchema, tagBody).
 */

/** A location (sub-account) as GHL returns it. Only `id` is guaranteed. */
export interface Location {
  id: string;
  /** The agency the location belongs to. */
  companyId?: string | undefined;
  name?: string | undefined;
  domain?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  state?: string | undefined;
  country?: string | undefined;
  postalCode?: string | undefined;
  website?: string | undefined;
  timezone?: string | undefined;
  logoUrl?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  business?: Record<string, unknown> | undefined;
  social?: Record<string, unknown> | undefined;
  settings?: Record<string, unknown> | undefined;
}

/** Which records a custom field belongs to. */
export type CustomFieldModel = 'contact' | 'opportunity';

/** A custom field definition as GHL returns it. Only `id` is guaranteed. */
export interface CustomField {
  id: string;
  name?: string | undefined;
  /** `contact.pincode`: the key contact writes take (`customFields: [{ key, field_value }]`). */
  fieldKey?: string | undefined;
  placeholder?: string | undefined;
  /** `TEXT`, `LARGE_TEXT`, `NUMERICAL`, `SINGLE_OPTIONS`, … */
  dataType?: string | undefined;
  position?: number | undefined;
  picklistOptions?: string[] | undefined;
  picklistImageOptions?: string[] | undefined;
  isAllowedCustomOption?: boolean | undefined;
  isMultiFileAllowed?: boolean | undefined;
  maxFileLimit?: number | undefined;
  locationId?: string | undefined;
  model?: CustomFieldModel | undefined;
}

export interface ListCustomFieldsParams {
  /** Default: GHL's (contact fields). `all` lists both models. */
  model?: CustomFieldModel | 'all' | undefined;
}

/** One prefilled line of a `TEXTBOX_LIST` field. */
export interface TextBoxListOption {
  label?: string | undefined;
  prefillValue?: string | undefined;
}

/** Fields every custom-field write accepts. */
export interface CustomFieldFields {
  placeholder?: string | undefined;
  /** File fields: accepted extensions, e.g. `['.pdf']`. */
  acceptedFormat?: string[] | undefined;
  isMultipleFile?: boolean | undefined;
  maxNumberOfFiles?: number | undefined;
  textBoxListOptions?: TextBoxListOption[] | undefined;
  position?: number | undefined;
  model?: CustomFieldModel | undefined;
}

export interface CreateCustomFieldInput extends CustomFieldFields {
  name: string;
  /** `TEXT`, `LARGE_TEXT`, `NUMERICAL`, … (the spec gives no list; GHL rejects unknown types). */
  dataType: string;
}

/** GHL's update requires `name` and cannot change `dataType`. */
export interface UpdateCustomFieldInput extends CustomFieldFields {
  name: string;
}

/** A custom value (a location-wide merge value, `{{ custom_values.x }}`). Only `id` is guaranteed. */
export interface CustomValue {
  id: string;
  name?: string | undefined;
  /** `{{ custom_values.custom_field }}`. */
  fieldKey?: string | undefined;
  value?: string | undefined;
  locationId?: string | undefined;
}

/** Create and update take both (GHL requires both on update too). */
export interface CustomValueInput {
  name: string;
  value: string;
}

/** A location tag. Only `id` is guaranteed. */
export interface LocationTag {
  id: string;
  name?: string | undefined;
  locationId?: string | undefined;
}

export interface TagInput {
  name: string;
}
