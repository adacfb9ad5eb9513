/*
 * Hand-written shapes for what GHL's specs leave empty, keyed `'<method> <path template>'`. Other
 * empty bodies (custom object records, which are schema-dependent; adding a contact to a campaign;
 * deleting a calendar event) stay `Record<string, unknown>`: no public source documents them.
 */
import type { Contact, SearchContactsParams } from '../resources/contacts/types.js';

/**
 * `POST /contacts/search`: the spec's `SearchBodyV2DTO` has no properties. The fields are those of
 * GHL's search guide (docs/ghl-api.md §3.4).
 */
export interface SearchContactsBody extends SearchContactsParams {
  /** The location to search. */
  locationId: string;
  /** Page size, 1–500. */
  pageLimit: number;
}

/** `POST /contacts/search`'s answer; the current spec declares none (an earlier spec version did: docs/ghl-api.md §3.4). */
export interface SearchContactsResponse {
  contacts: Contact[];
  total: number;
}

export interface BodyOverrides {
  'post /contacts/search': SearchContactsBody;
}

export interface ResultOverrides {
  'post /contacts/search': SearchContactsResponse;
}
