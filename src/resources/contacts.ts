import type { CallOptions, RequestSpec } from '../http/transport.js';
import { parseInput, parseResponse } from '../validation.js';
import {
  contactEnvelopeSchema,
  contactIdSchema,
  createContactSchema,
  searchParamsSchema,
  searchResponseSchema,
  tagListSchema,
  tagsResponseSchema,
  updateContactSchema,
  upsertContactSchema,
  upsertResponseSchema,
} from './contact-schemas.js';
import type {
  Contact,
  CreateContactInput,
  SearchContactsParams,
  SearchContactsResult,
  UpdateContactInput,
  UpsertContactInput,
  UpsertContactResult,
} from './contact-types.js';

/** What a resource needs from the client: its location and an authenticated, retried request. */
export interface ResourceHost {
  readonly locationId: string;
  send(spec: RequestSpec, call?: CallOptions): Promise<unknown>;
}

const DEFAULT_PAGE_LIMIT = 20;

/** GHL contacts (`/contacts/*`, Version 2021-07-28). Inputs are validated before anything is sent. */
export class Contacts {
  private readonly host: ResourceHost;

  constructor(host: ResourceHost) {
    this.host = host;
  }

  /**
   * `POST /contacts/` → the new contact. Never replayed once it may have reached GHL, so a dropped
   * connection cannot create a duplicate; throws `GHLDuplicateContactError` (with
   * `existingContactId`) when the location forbids duplicates. Prefer `upsert` for retry-safe writes.
   */
  async create(input: CreateContactInput, call?: CallOptions): Promise<Contact> {
    const body = parseInput(createContactSchema, { ...input, locationId: input?.locationId ?? this.host.locationId }, 'contact');
    const response = await this.host.send({ method: 'POST', path: '/contacts/', body, idempotent: false }, call);
    return parseResponse(contactEnvelopeSchema, response, 'contact create').contact as Contact;
  }

  /**
   * `POST /contacts/upsert`: updates the contact matching by the location's duplicate rules (email,
   * then phone) or creates one. Safe to retry, so it is retried like a GET.
   */
  async upsert(input: UpsertContactInput, call?: CallOptions): Promise<UpsertContactResult> {
    const body = parseInput(upsertContactSchema, { ...input, locationId: input?.locationId ?? this.host.locationId }, 'contact');
    const response = await this.host.send({ method: 'POST', path: '/contacts/upsert', body, idempotent: true }, call);
    const parsed = parseResponse(upsertResponseSchema, response, 'contact upsert');
    return { contact: parsed.contact as Contact, created: parsed.new === true };
  }

  /** `GET /contacts/{id}`. */
  async get(contactId: string, call?: CallOptions): Promise<Contact> {
    const id = parseInput(contactIdSchema, contactId, 'contactId', 'contactId');
    const response = await this.host.send({ method: 'GET', path: `/contacts/${id}` }, call);
    return parseResponse(contactEnvelopeSchema, response, 'contact get').contact as Contact;
  }

  /** `PUT /contacts/{id}`. Never sends `locationId` (GHL rejects it on update). */
  async update(contactId: string, input: UpdateContactInput, call?: CallOptions): Promise<Contact> {
    const id = parseInput(contactIdSchema, contactId, 'contactId', 'contactId');
    const body = parseInput(updateContactSchema, input, 'contact update');
    const response = await this.host.send({ method: 'PUT', path: `/contacts/${id}`, body }, call);
    return parseResponse(contactEnvelopeSchema, response, 'contact update').contact as Contact;
  }

  /** `DELETE /contacts/{id}`. */
  async delete(contactId: string, call?: CallOptions): Promise<void> {
    const id = parseInput(contactIdSchema, contactId, 'contactId', 'contactId');
    await this.host.send({ method: 'DELETE', path: `/contacts/${id}` }, call);
  }

  /** `POST /contacts/search` (read-only, so retried like a GET). */
  async search(params: SearchContactsParams = {}, call?: CallOptions): Promise<SearchContactsResult> {
    const valid = parseInput(searchParamsSchema, params, 'search parameters');
    const body = { locationId: this.host.locationId, pageLimit: DEFAULT_PAGE_LIMIT, ...valid };
    const response = await this.host.send({ method: 'POST', path: '/contacts/search', body, idempotent: true }, call);
    const parsed = parseResponse(searchResponseSchema, response, 'contact search');
    const contacts = parsed.contacts as Contact[];
    return {
      contacts,
      total: parsed.total ?? contacts.length,
      nextSearchAfter: contacts.length > 0 ? contacts[contacts.length - 1]?.searchAfter : undefined,
    };
  }

  /** `POST /contacts/{id}/tags`: adds to the existing tags (unlike `tags` on update, which replaces). Returns the tags now on the contact. */
  async addTags(contactId: string, tags: string[], call?: CallOptions): Promise<string[]> {
    const id = parseInput(contactIdSchema, contactId, 'contactId', 'contactId');
    const list = parseInput(tagListSchema, tags, 'tags', 'tags');
    const response = await this.host.send({ method: 'POST', path: `/contacts/${id}/tags`, body: { tags: list }, idempotent: true }, call);
    return parseResponse(tagsResponseSchema, response, 'add tags').tags;
  }

  /** `DELETE /contacts/{id}/tags` (GHL takes a JSON body on this DELETE). Returns the remaining tags. */
  async removeTags(contactId: string, tags: string[], call?: CallOptions): Promise<string[]> {
    const id = parseInput(contactIdSchema, contactId, 'contactId', 'contactId');
    const list = parseInput(tagListSchema, tags, 'tags', 'tags');
    const response = await this.host.send({ method: 'DELETE', path: `/contacts/${id}/tags`, body: { tags: list } }, call);
    return parseResponse(tagsResponseSchema, response, 'remove tags').tags;
  }
}
