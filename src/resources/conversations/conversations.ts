import { cursorPaging, paginate } from '../../http/paginate.js';
import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { Messages } from './messages.js';
import {
  conversationEnvelopeSchema,
  conversationSchema,
  createConversationSchema,
  listConversationsSchema,
  searchConversationsSchema,
  searchResponseSchema,
  updateConversationSchema,
} from './schemas.js';
import type {
  Conversation,
  CreateConversationInput,
  ListConversationsParams,
  SearchConversationsParams,
  SearchConversationsResult,
  UpdateConversationInput,
} from './types.js';

/** GHL's default page size for conversation search (spec/apps/conversations.json: "Default is 20"). */
const DEFAULT_PAGE_LIMIT = 20;

/**
 * GHL conversations (`/conversations/*`, Version 2021-04-15, set on every request) and their messages
 * (`ghl.conversations.messages`). Inputs are validated before anything is sent.
 */
export class Conversations extends APIResource {
  protected readonly version = '2021-04-15';
  readonly messages = new Messages(this.requester);

  /**
   * `GET /conversations/search`, one page. `startDate`/`endDate` take a Date, epoch ms or an ISO
   * string and are sent as epoch milliseconds. `nextStartAfterDate` continues the search; `list` pages for you.
   */
  async search(params: SearchConversationsParams = {}, call?: CallOptions): Promise<SearchConversationsResult> {
    const query = this.validate(searchConversationsSchema, params, 'conversation search parameters');
    const answer = await this.request({ method: 'GET', path: '/conversations/search', query: { locationId: this.locationId, ...query }, response: searchResponseSchema, what: 'conversation search' }, call);
    const conversations = answer.conversations as Conversation[];
    const last = conversations[conversations.length - 1];
    return { conversations, total: answer.total ?? conversations.length, nextStartAfterDate: last === undefined ? undefined : sortValue(last) };
  }

  /**
   * Every conversation matching `params`, one search page at a time (`startAfterDate` cursors).
   * Streams: pages are fetched as the loop consumes them. Invalid `params` throw at once.
   */
  list(params: ListConversationsParams = {}, call?: CallOptions): AsyncIterable<Conversation> {
    const limit = this.validate(listConversationsSchema, params, 'conversation list parameters').limit ?? DEFAULT_PAGE_LIMIT;
    return paginate(cursorPaging<number>(), async (startAfterDate, pageCall) => {
      const page = await this.search({ ...params, limit, ...(startAfterDate === null ? {} : { startAfterDate }) }, pageCall);
      return { items: page.conversations, next: page.nextStartAfterDate, hasMore: page.conversations.length === limit };
    }, call);
  }

  /** `GET /conversations/{conversationId}`. */
  async get(conversationId: string, call?: CallOptions): Promise<Conversation> {
    return (await this.request({ method: 'GET', path: path`/conversations/${{ conversationId }}`, response: conversationSchema, what: 'conversation get' }, call)) as Conversation;
  }

  /**
   * `POST /conversations/` → the new conversation with the contact. Never replayed once it may have
   * reached GHL: on such a failure, search for the contact's conversation before creating again.
   */
  async create(input: CreateConversationInput, call?: CallOptions): Promise<Conversation> {
    const body = this.validate(createConversationSchema, { ...input, locationId: input?.locationId ?? this.locationId }, 'conversation');
    const nextStep = "search for the contact's conversation with ghl.conversations.search({ contactId }) before creating it again";
    const answer = await this.request({ method: 'POST', path: '/conversations/', body, idempotent: false, nextStep, response: conversationEnvelopeSchema, what: 'conversation create' }, call);
    return answer.conversation as Conversation;
  }

  /** `PUT /conversations/{conversationId}` (the client's `locationId` is sent, as GHL requires). */
  async update(conversationId: string, input: UpdateConversationInput, call?: CallOptions): Promise<Conversation> {
    const url = path`/conversations/${{ conversationId }}`;
    const body = this.validate(updateConversationSchema, { ...input, locationId: this.locationId }, 'conversation update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: conversationEnvelopeSchema, what: 'conversation update' }, call);
    return answer.conversation as Conversation;
  }

  /** `DELETE /conversations/{conversationId}`. */
  async delete(conversationId: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/conversations/${{ conversationId }}`, what: 'conversation delete' }, call);
  }
}

/** The value `startAfterDate` continues after: the result's `sort` value (GHL: "the sort value of the last document"), else its last-message date. */
function sortValue(conversation: Conversation): number | undefined {
  const sort = Array.isArray(conversation.sort) ? conversation.sort[0] : undefined;
  if (typeof sort === 'number') return sort;
  return typeof conversation.lastMessageDate === 'number' ? conversation.lastMessageDate : undefined;
}
