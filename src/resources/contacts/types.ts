/*
 * Public contact types, written out (not inferred from zod) so the published .d.ts needs no zod
 * and reads like documentation. They mirror GHL's contacts spec (spec/apps/contacts.json).
 */

export interface DndChannelSetting {
  status: 'active' | 'inactive' | 'permanent';
  message?: string | undefined;
  code?: string | undefined;
}

export interface DndSettings {
  Call?: DndChannelSetting | undefined;
  Email?: DndChannelSetting | undefined;
  SMS?: DndChannelSetting | undefined;
  WhatsApp?: DndChannelSetting | undefined;
  GMB?: DndChannelSetting | undefined;
  FB?: DndChannelSetting | undefined;
}

export interface InboundDndSettings {
  all?: { status: 'active' | 'inactive'; message?: string | undefined } | undefined;
}

/** A custom field value to write. GHL takes the field's `id` or its `key` (e.g. `contact.plan`). */
export interface CustomFieldInput {
  id?: string | undefined;
  key?: string | undefined;
  field_value: string | number | boolean | string[] | Record<string, unknown>;
}

/** Fields every contact write accepts. */
export interface ContactFields {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  name?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address1?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  postalCode?: string | undefined;
  website?: string | null | undefined;
  timezone?: string | null | undefined;
  dnd?: boolean | undefined;
  dndSettings?: DndSettings | undefined;
  inboundDndSettings?: InboundDndSettings | undefined;
  /** On create/upsert/update these replace all tags; use `addTags`/`removeTags` to merge. */
  tags?: string[] | undefined;
  customFields?: CustomFieldInput[] | undefined;
  /** `YYYY-MM-DD` and the other formats GHL lists. */
  dateOfBirth?: string | null | undefined;
  country?: string | undefined;
}

export interface CreateContactInput extends ContactFields {
  /** Default: the client's location. */
  locationId?: string | undefined;
  gender?: string | undefined;
  source?: string | undefined;
  companyName?: string | null | undefined;
  /** User id of the owner. */
  assignedTo?: string | undefined;
}

export interface UpsertContactInput extends CreateContactInput {
  /** With duplicates allowed on the location: always create. Otherwise ignored (docs/ghl-api.md §3.2). */
  createNewIfDuplicateAllowed?: boolean | undefined;
}

/** PUT body: no `locationId`, `gender` or `companyName` (GHL answers 422 for them). */
export interface UpdateContactInput extends ContactFields {
  source?: string | null | undefined;
  assignedTo?: string | null | undefined;
}

/** A custom field as GHL returns it (reads use `value`, writes use `field_value`). */
export interface CustomFieldValue {
  id: string;
  value?: unknown;
}

/** A contact as GHL returns it. Only `id` is guaranteed; GHL marks every other field optional. */
export interface Contact {
  id: string;
  locationId?: string | undefined;
  name?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  email?: string | null | undefined;
  emailLowerCase?: string | null | undefined;
  phone?: string | null | undefined;
  companyName?: string | null | undefined;
  timezone?: string | null | undefined;
  dnd?: boolean | undefined;
  dndSettings?: DndSettings | undefined;
  type?: string | undefined;
  source?: string | null | undefined;
  assignedTo?: string | null | undefined;
  address1?: string | null | undefined;
  city?: string | null | undefined;
  state?: string | null | undefined;
  country?: string | undefined;
  postalCode?: string | undefined;
  website?: string | null | undefined;
  tags?: string[] | undefined;
  dateOfBirth?: string | null | undefined;
  dateAdded?: string | undefined;
  dateUpdated?: string | undefined;
  customFields?: CustomFieldValue[] | undefined;
  businessId?: string | undefined;
  /** Search results carry the cursor for `searchAfter` paging. */
  searchAfter?: Array<string | number> | undefined;
}

/** A search filter: `{ field, operator, value }` or a group of them. */
export type SearchFilter =
  | { field: string; operator: string; value?: unknown }
  | { group: 'AND' | 'OR'; filters: SearchFilter[] };

/** What `list` takes: a search without paging (it pages by itself). */
export interface ListContactsParams {
  /** Free text (name, email, phone…), at most 75 characters. */
  query?: string | undefined;
  /** Page size, 1–500. Default 20 for `search`, 100 for `list`. */
  pageLimit?: number | undefined;
  /** Top-level filters are ANDed. */
  filters?: SearchFilter[] | undefined;
  sort?: Array<{ field: string; direction: 'asc' | 'desc' }> | undefined;
}

export interface SearchContactsParams extends ListContactsParams {
  /** 1-based page; GHL pages this way up to 10 000 records. */
  page?: number | undefined;
  /** Cursor from the last contact of the previous page; needed beyond 10 000 records. Not with `page`. */
  searchAfter?: Array<string | number> | undefined;
}

export interface SearchContactsResult {
  contacts: Contact[];
  /** Total matches, when GHL says. */
  total: number;
  /** Pass as `searchAfter` to get the next page; undefined on an empty page. */
  nextSearchAfter: Array<string | number> | undefined;
}

export interface UpsertContactResult {
  contact: Contact;
  /** True when GHL created a new contact, false when it updated an existing one. */
  created: boolean;
}

/** `findDuplicate` takes an email, a phone, or both. */
export interface FindDuplicateParams {
  email?: string | undefined;
  /** E.164 is what GHL stores, e.g. `+15550001111`. */
  phone?: string | undefined;
}
