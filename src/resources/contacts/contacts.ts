import { cursorPaging, paginate } from '../../http/paginate.js';
import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { ContactNotes } from './notes.js';
import { ContactTasks } from './tasks.js';
import { ContactWorkflows } from './workflows.js';
import {
  contactEnvelopeSchema,
  duplicateParamsSchema,
  duplicateResponseSchema,
  createContactSchema,
  listParamsSchema,
  searchParamsSchema,
  searchResponseSchema,
  tagListSchema,
  tagsResponseSchema,
  updateContactSchema,
  upsertContactSchema,
  upsertResponseSchema,
} from './schemas.js';
import type {
  Contact,
  CreateContactInput,
  FindDuplicateParams,
  ListContactsParams,
  SearchContactsParams,
  SearchContactsResult,
  UpdateContactInput,
  UpsertContactInput,
  UpsertContactResult,
} from './types.js';

/** `search`'s page size when the caller names none (GHL's own default, docs/ghl-api.md §3.4). */
const DEFAULT_PAGE_LIMIT = 20;
/** `list`'s page size when the caller names none: fewer round trips; GHL allows up to 500. */
const DEFAULT_LIST_PAGE_LIMIT = 100;

/** GHL contacts (`/contacts/*`, Version 2021-07-28). Inputs are validated before anything is sent. */
export class Contacts extends APIResource {
  protected readonly version = '2021-07-28';
  /** A contact's notes: `ghl.contacts.notes.create(contactId, { body })`. */
  readonly notes = new ContactNotes(this.requester);
  /** A contact's tasks: `ghl.contacts.tasks.create(contactId, { title, dueDate })`. */
  readonly tasks = new ContactTasks(this.requester);
  /** Workflow enrolment: `ghl.contacts.workflows.add(contactId, workflowId)`. */
  readonly workflows = new ContactWorkflows(this.requester);

  /**
   * `POST /contacts/` → the new contact. Needs at least one identifying field (email, phone or a
   * name), so a blank contact is never created. Never replayed once it may have reached GHL, so a
   * dropped connection cannot create a duplicate; throws `GHLDuplicateContactError` (with
   * `existingContactId`) when the location forbids duplicates. Prefer `upsert` for retry-safe writes.
   */
  async create(input: CreateContactInput, call?: CallOptions): Promise<Contact> {
    const body = this.validate(createContactSchema, this.withLocation(input), 'contact');
    const answer = await this.request({ method: 'POST', path: '/contacts/', body, idempotent: false, response: contactEnvelopeSchema, what: 'contact create' }, call);
    return answer.contact as Contact;
  }

  /**
   * `POST /contacts/upsert`: updates the contact matching by the location's duplicate rules (email,
   * then phone) or creates one, so it needs an email or a phone. Retried like a GET because GHL
   * matches the replay to the contact the first attempt made — except with
   * `createNewIfDuplicateAllowed: true`, where GHL may create again and it is never replayed.
   */
  async upsert(input: UpsertContactInput, call?: CallOptions): Promise<UpsertContactResult> {
    const body = this.validate(upsertContactSchema, this.withLocation(input), 'contact');
    const idempotent = body.createNewIfDuplicateAllowed !== true;
    const answer = await this.request({ method: 'POST', path: '/contacts/upsert', body, idempotent, response: upsertResponseSchema, what: 'contact upsert' }, call);
    return { contact: answer.contact as Contact, created: answer.new === true };
  }

  /** `GET /contacts/{contactId}`. */
  async get(contactId: string, call?: CallOptions): Promise<Contact> {
    const answer = await this.request({ method: 'GET', path: path`/contacts/${{ contactId }}`, response: contactEnvelopeSchema, what: 'contact get' }, call);
    return answer.contact as Contact;
  }

  /**
   * `GET /contacts/search/duplicate`: the contact GHL's duplicate rules match to this email or phone
   * (email first when the location allows duplicates; docs/ghl-api.md §3.7), or null when none does.
   * Needs an email or a phone; GHL's query names the phone `number`.
   */
  async findDuplicate(params: FindDuplicateParams, call?: CallOptions): Promise<Contact | null> {
    const { email, phone } = this.validate(duplicateParamsSchema, params, 'duplicate lookup');
    const query = { locationId: this.locationId, email, number: phone };
    const answer = await this.request({ method: 'GET', path: '/contacts/search/duplicate', query, response: duplicateResponseSchema, what: 'duplicate lookup', scope: 'contacts.readonly' }, call);
    return (answer.contact ?? null) as Contact | null;
  }

  /** `PUT /contacts/{contactId}`. Never sends `locationId` (GHL rejects it on update). */
  async update(contactId: string, input: UpdateContactInput, call?: CallOptions): Promise<Contact> {
    const url = path`/contacts/${{ contactId }}`;
    const body = this.validate(updateContactSchema, input, 'contact update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: contactEnvelopeSchema, what: 'contact update' }, call);
    return answer.contact as Contact;
  }

  /** `DELETE /contacts/{contactId}`. */
  async delete(contactId: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/contacts/${{ contactId }}`, what: 'contact delete' }, call);
  }

  /** `POST /contacts/search`, one page (read-only, so retried like a GET). `list` pages for you. */
  async search(params: SearchContactsParams = {}, call?: CallOptions): Promise<SearchContactsResult> {
    const valid = this.validate(searchParamsSchema, params, 'search parameters');
    const body = { locationId: this.locationId, pageLimit: DEFAULT_PAGE_LIMIT, ...valid };
    const answer = await this.request({ method: 'POST', path: '/contacts/search', body, idempotent: true, response: searchResponseSchema, what: 'contact search' }, call);
    const contacts = answer.contacts as Contact[];
    return {
      contacts,
      total: answer.total ?? contacts.length,
      nextSearchAfter: contacts.length > 0 ? contacts[contacts.length - 1]?.searchAfter : undefined,
    };
  }

  /**
   * Every contact matching `params`, one search page at a time (`searchAfter` cursors, so it goes past
   * GHL's 10,000-record `page` limit). Streams: pages are fetched as the loop consumes them.
   *
   * ```ts
   * for await (const contact of ghl.contacts.list({ query: 'ada' })) console.log(contact.id);
   * ```
   * Invalid `params` throw a `GHLValidationError` at once, before anything is sent.
   */
  list(params: ListContactsParams = {}, call?: CallOptions): AsyncIterable<Contact> {
    const pageLimit = this.validate(listParamsSchema, params, 'list parameters').pageLimit ?? DEFAULT_LIST_PAGE_LIMIT;
    return paginate(cursorPaging<Array<string | number>>(), async (searchAfter, pageCall) => {
      const page = await this.search({ ...params, pageLimit, ...(searchAfter === null ? {} : { searchAfter }) }, pageCall);
      return { items: page.contacts, next: page.nextSearchAfter, hasMore: page.contacts.length === pageLimit };
    }, call);
  }

  /** `POST /contacts/{contactId}/tags`: adds to the existing tags (unlike `tags` on update, which replaces). Returns the tags now on the contact. */
  async addTags(contactId: string, tags: string[], call?: CallOptions): Promise<string[]> {
    const url = path`/contacts/${{ contactId }}/tags`;
    const list = this.validate(tagListSchema, tags, 'tags', 'tags');
    const answer = await this.request({ method: 'POST', path: url, body: { tags: list }, idempotent: true, response: tagsResponseSchema, what: 'add tags' }, call);
    return answer.tags;
  }

  /** `DELETE /contacts/{contactId}/tags` (GHL takes a JSON body on this DELETE). Returns the remaining tags. */
  async removeTags(contactId: string, tags: string[], call?: CallOptions): Promise<string[]> {
    const url = path`/contacts/${{ contactId }}/tags`;
    const list = this.validate(tagListSchema, tags, 'tags', 'tags');
    const answer = await this.request({ method: 'DELETE', path: url, body: { tags: list }, response: tagsResponseSchema, what: 'remove tags' }, call);
    return answer.tags;
  }

  /** The input with the client's location unless it names its own. */
  private withLocation<T extends { locationId?: string | undefined }>(input: T | undefined): T & { locationId: string } {
    return { ...input, locationId: input?.locationId ?? this.locationId } as T & { locationId: string };
  }
}
