import { cursorPaging, paginate } from '../../http/paginate.js';
import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { addInboundSchema, addMessageResponseSchema, addOutboundSchema, listMessagesSchema, messageSchema, messagesPageSchema, sendMessageSchema, sendResponseSchema } from './schemas.js';
import type { AddInboundMessageInput, AddMessageResult, AddOutboundMessageInput, ListMessagesParams, Message, SendMessageInput, SendMessageResult } from './types.js';

/** What a "not replayed" error tells the caller to do before sending again. */
const CHECK_SENT = "list the conversation's last messages with ghl.conversations.messages.list(conversationId) to see whether it was sent before sending again";
const CHECK_ADDED = "list the conversation's last messages with ghl.conversations.messages.list(conversationId) (look for your altId) before adding it again";

/** `ghl.conversations.messages`: read a conversation's messages, send messages, and (provider apps) record them. */
export class Messages extends APIResource {
  protected readonly version = '2021-04-15';

  /**
   * Every message of the conversation, newest first, paged with GHL's `lastMessageId` cursor (fetched
   * as the loop consumes them; `break` stops fetching). Invalid `params` throw at once, before anything is sent.
   *
   * ```ts
   * for await (const message of ghl.conversations.messages.list(conversationId)) console.log(message.body);
   * ```
   */
  list(conversationId: string, params: ListMessagesParams = {}, call?: CallOptions): AsyncIterable<Message> {
    const url = path`/conversations/${{ conversationId }}/messages`;
    const { lastMessageId, type, ...rest } = this.validate(listMessagesSchema, params, 'message list parameters');
    const query = { ...rest, ...(type === undefined ? {} : { type: type.join(',') }) };
    return paginate(cursorPaging<string>(lastMessageId), async (cursor, pageCall) => {
      const answer = await this.request({ method: 'GET', path: url, query: { ...query, ...(cursor === null ? {} : { lastMessageId: cursor }) }, response: messagesPageSchema, what: 'message list' }, pageCall);
      return { items: answer.messages as Message[], next: answer.lastMessageId ?? undefined, hasMore: answer.nextPage };
    }, call);
  }

  /** `GET /conversations/messages/{id}`. */
  async get(messageId: string, call?: CallOptions): Promise<Message> {
    return (await this.request({ method: 'GET', path: path`/conversations/messages/${{ messageId }}`, response: messageSchema, what: 'message get' }, call)) as Message;
  }

  /**
   * `POST /conversations/messages`: sends an SMS, email, WhatsApp… message to the contact (GHL opens a
   * conversation if there is none). An `SMS` needs `message`; an `Email` needs `subject` and `html` or
   * `message`. `scheduledTimestamp` takes a Date, epoch ms or an ISO string and is sent as epoch seconds.
   *
   * Never replayed once the request may have reached GHL, so a dropped connection cannot text the
   * contact twice: the error says it was not replayed; list the conversation's last messages before
   * sending again. A 429 (GHL processed nothing) is still retried.
   */
  async send(input: SendMessageInput, call?: CallOptions): Promise<SendMessageResult> {
    const body = this.validate(sendMessageSchema, input, 'message');
    return (await this.request({ method: 'POST', path: '/conversations/messages', body, idempotent: false, nextStep: CHECK_SENT, response: sendResponseSchema, what: 'message send' }, call)) as SendMessageResult;
  }

  /**
   * `POST /conversations/messages/inbound`: records a message your conversation provider received.
   * `date` is sent as an ISO string. Never replayed once it may have reached GHL (it would appear twice).
   */
  async addInbound(input: AddInboundMessageInput, call?: CallOptions): Promise<AddMessageResult> {
    const body = this.validate(addInboundSchema, input, 'inbound message');
    return (await this.request({ method: 'POST', path: '/conversations/messages/inbound', body, idempotent: false, nextStep: CHECK_ADDED, response: addMessageResponseSchema, what: 'inbound message' }, call)) as AddMessageResult;
  }

  /**
   * `POST /conversations/messages/outbound`: records an outbound call your provider made (GHL takes
   * `type: 'Call'` only). `date` is sent as an ISO string. Never replayed once it may have reached GHL.
   */
  async addOutbound(input: AddOutboundMessageInput, call?: CallOptions): Promise<AddMessageResult> {
    const body = this.validate(addOutboundSchema, input, 'outbound message');
    return (await this.request({ method: 'POST', path: '/conversations/messages/outbound', body, idempotent: false, nextStep: CHECK_ADDED, response: addMessageResponseSchema, what: 'outbound message' }, call)) as AddMessageResult;
  }
}
