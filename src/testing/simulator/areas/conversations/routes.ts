import { randomUUID } from 'node:crypto';
import { badRequest, forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { checkedBody, type Checked } from '../../request-body.js';
import { routeBuilder, type ApiContext } from '../../api-route.js';
import { checkDto, requiring, type Dto } from '../../dto.js';
import { json, type SimResponse } from '../../wire.js';
import type { ContactStore } from '../contacts/store.js';
import { conversationViews, messageView } from './render.js';
import type { ConversationStore, SimulatedConversation } from './store.js';
import {
  channelOf,
  CREATE_CONVERSATION_FIELDS,
  INBOUND_FIELDS,
  INBOUND_REQUIRED,
  KNOWN_MESSAGE_TYPES,
  OUTBOUND_FIELDS,
  OUTBOUND_REQUIRED,
  SEND_FIELDS,
  SEND_REQUIRED,
  UPDATE_CONVERSATION_FIELDS,
} from './validation.js';

/** Every conversations operation served here declares this Version (spec/apps/conversations.json; docs/ghl-api.md §2). */
const route = routeBuilder('2021-04-15');

/** GHL's default page size for search and messages ("Default is 20"); the simulator's largest, 100. */
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** Conversations and messages of spec/apps/conversations.json. */
export function conversationRoutes(store: ConversationStore, contacts: ContactStore) {
  const views = conversationViews(contacts);

  function accessible(context: ApiContext, id: string): Checked<SimulatedConversation> {
    const conversation = store.get(id);
    if (!conversation) return { error: notFound('Conversation not found') };
    return conversation.locationId === context.grant.locationId ? { value: conversation } : { error: forbiddenLocation() };
  }

  /** The token's location's contact, or the 400 GHL's writes answer for an unknown one. */
  function contactOf(context: ApiContext, contactId: string): Checked<{ id: string; locationId: string }> {
    const contact = contacts.get(contactId);
    return contact && contact.locationId === context.grant.locationId ? { value: contact } : { error: badRequest('Contact not found') };
  }

  return [
    // `GET /conversations/search`: filters, `limit`, `sort`, `startAfterDate` (the last result's sort value); 200 `{conversations, total}`.
    route('GET /conversations/search', (context) => {
      const { query } = context;
      const locationId = query.get('locationId');
      const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
      const startAfterDate = query.get('startAfterDate') === null ? undefined : Number(query.get('startAfterDate'));
      const messages = [
        ...(locationId ? [] : ['locationId should not be empty']),
        ...(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT ? [] : [`limit must not be greater than ${MAX_LIMIT}`]),
        ...(startAfterDate === undefined || Number.isFinite(startAfterDate) ? [] : ['startAfterDate must be a number']),
      ];
      if (messages.length > 0) return unprocessable(messages);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      const ascending = query.get('sort') === 'asc';
      const text = query.get('query')?.toLowerCase();
      const matches = store
        .list(locationId)
        .map((conversation) => views.searchResult(conversation))
        .filter((result) => matchesFilters(result, query) && (!text || [result.fullName, result.email, result.phone, result.lastMessageBody].some((field) => field.toLowerCase().includes(text))))
        .sort((a, b) => (ascending ? a.lastMessageDate - b.lastMessageDate : b.lastMessageDate - a.lastMessageDate));
      const after = startAfterDate === undefined ? matches : matches.filter((result) => (ascending ? result.lastMessageDate > startAfterDate : result.lastMessageDate < startAfterDate));
      return json(200, { conversations: after.slice(0, limit), total: matches.length, traceId: randomUUID() });
    }),

    route('GET /conversations/:conversationId', (context) => {
      const found = accessible(context, context.params['conversationId'] ?? '');
      return 'error' in found ? found.error : json(200, views.byId(found.value));
    }),

    // `POST /conversations/`: `CreateConversationDto`; 201 `{success, conversation}`. One conversation per contact:
    // a second is a 400 naming the existing one.
    route('POST /conversations/', (context) => {
      const checked = body(context, CREATE_CONVERSATION_FIELDS, ['locationId', 'contactId']);
      if ('error' in checked) return checked.error;
      if (checked.value['locationId'] !== context.grant.locationId) return forbiddenLocation();
      const contact = contactOf(context, String(checked.value['contactId']));
      if ('error' in contact) return contact.error;
      const existing = store.ofContact(contact.value.locationId, contact.value.id);
      if (existing) return json(400, { statusCode: 400, message: 'Conversation already exists', conversationId: existing.id });
      const conversation = store.create({ locationId: contact.value.locationId, contactId: contact.value.id }, context.now);
      return json(201, { success: true, conversation: views.written(conversation) });
    }),

    // `PUT /conversations/{id}`: `UpdateConversationDto` (`locationId` required); 200 `{success, conversation}`.
    route('PUT /conversations/:conversationId', (context) => {
      const checked = body(context, UPDATE_CONVERSATION_FIELDS, ['locationId']);
      if ('error' in checked) return checked.error;
      if (checked.value['locationId'] !== context.grant.locationId) return forbiddenLocation();
      const found = accessible(context, context.params['conversationId'] ?? '');
      if ('error' in found) return found.error;
      const { unreadCount, starred } = checked.value;
      const changes = { ...(typeof unreadCount === 'number' ? { unreadCount } : {}), ...(typeof starred === 'boolean' ? { starred } : {}) };
      return json(200, { success: true, conversation: views.written(store.update(found.value, changes, context.now)) });
    }),

    route('DELETE /conversations/:conversationId', (context) => {
      const found = accessible(context, context.params['conversationId'] ?? '');
      if ('error' in found) return found.error;
      store.delete(found.value.id);
      return json(200, { success: true });
    }),

    // `GET /conversations/{id}/messages`: newest first; `lastMessageId` continues after that message; `limit`, `type` (comma-separated);
    // 200 `{lastMessageId, nextPage, messages}`.
    route('GET /conversations/:conversationId/messages', (context) => {
      const { query } = context;
      const limit = Number(query.get('limit') ?? DEFAULT_LIMIT);
      const types = query.get('type')?.split(',').filter(Boolean);
      const messages = [
        ...(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT ? [] : [`limit must not be greater than ${MAX_LIMIT}`]),
        ...(types ?? []).filter((type) => !KNOWN_MESSAGE_TYPES.has(type)).map((type) => `type ${type} is not a message type`),
      ];
      if (messages.length > 0) return unprocessable(messages);
      const found = accessible(context, context.params['conversationId'] ?? '');
      if ('error' in found) return found.error;
      const newestFirst = store.messagesOf(found.value.id).filter((message) => !types || types.includes(message.messageType)).reverse();
      const lastMessageId = query.get('lastMessageId');
      let start = 0;
      if (lastMessageId) {
        start = newestFirst.findIndex((message) => message.id === lastMessageId) + 1;
        if (start === 0) return badRequest('lastMessageId is not a message of this conversation');
      }
      const page = newestFirst.slice(start, start + limit);
      return json(200, { lastMessageId: page[page.length - 1]?.id ?? null, nextPage: start + limit < newestFirst.length, messages: page.map(messageView) });
    }),

    route('GET /conversations/messages/:id', (context) => {
      const message = store.message(context.params['id'] ?? '');
      if (!message) return notFound('Message not found');
      return message.locationId === context.grant.locationId ? json(200, messageView(message)) : forbiddenLocation();
    }),

    // `POST /conversations/messages`: `SendMessageBodyDto`; opens the contact's conversation if needed; 200 `{conversationId, messageId, status}`.
    route('POST /conversations/messages', (context) => {
      const checked = body(context, SEND_FIELDS, SEND_REQUIRED);
      if ('error' in checked) return checked.error;
      const input = checked.value;
      const type = String(input['type']);
      const text = typeof input['message'] === 'string' ? input['message'].trim() : '';
      const html = typeof input['html'] === 'string' ? input['html'].trim() : '';
      if (type === 'SMS' && !text && !Array.isArray(input['attachments'])) return badRequest('An SMS needs a message or attachments');
      if (type === 'Email' && (!(text || html) || typeof input['subject'] !== 'string' || !input['subject'])) return badRequest('An Email needs a subject and html or message');
      const contact = contactOf(context, String(input['contactId']));
      if ('error' in contact) return contact.error;
      const channel = channelOf(type);
      const conversation = store.ofContact(contact.value.locationId, contact.value.id) ?? store.create({ locationId: contact.value.locationId, contactId: contact.value.id, type: channel.conversationType }, context.now);
      const scheduled = typeof input['scheduledTimestamp'] === 'number' && input['scheduledTimestamp'] * 1000 > context.now;
      const message = store.addMessage(
        conversation,
        {
          type: channel.type,
          messageType: channel.messageType,
          direction: 'outbound',
          status: scheduled ? 'scheduled' : 'pending',
          body: text || html,
          contentType: html ? 'text/html' : 'text/plain',
          attachments: Array.isArray(input['attachments']) ? (input['attachments'] as string[]) : [],
          source: 'api',
          ...(typeof input['subject'] === 'string' ? { subject: input['subject'] } : {}),
        },
        context.now,
      );
      return json(200, { conversationId: conversation.id, messageId: message.id, status: 'pending', ...(type === 'Email' ? { emailMessageId: message.id } : {}) });
    }),

    // `POST /conversations/messages/inbound`: `ProcessMessageBodyDto`; 200 `{success, conversationId, messageId, message}`.
    route('POST /conversations/messages/inbound', (context) => addProviderMessage(context, INBOUND_FIELDS, INBOUND_REQUIRED, 'inbound')),

    // `POST /conversations/messages/outbound`: `ProcessOutboundMessageBodyDto` (calls only); same answer.
    route('POST /conversations/messages/outbound', (context) => addProviderMessage(context, OUTBOUND_FIELDS, OUTBOUND_REQUIRED, 'outbound')),
  ];

  /** A conversation provider's message, recorded in an existing conversation (of `contactId`, when given). */
  function addProviderMessage(context: ApiContext, fields: Dto, required: readonly string[], direction: 'inbound' | 'outbound'): SimResponse {
    const checked = body(context, fields, required);
    if ('error' in checked) return checked.error;
    const input = checked.value;
    const found = accessible(context, String(input['conversationId']));
    if ('error' in found) return found.error;
    const conversation = found.value;
    if (input['contactId'] !== undefined && input['contactId'] !== conversation.contactId) return badRequest('The conversation does not belong to this contact');
    const channel = channelOf(String(input['type']));
    const text = typeof input['message'] === 'string' ? input['message'] : typeof input['html'] === 'string' ? input['html'] : '';
    const message = store.addMessage(
      conversation,
      {
        type: channel.type,
        messageType: channel.messageType,
        direction,
        status: 'delivered',
        body: text,
        contentType: typeof input['html'] === 'string' ? 'text/html' : 'text/plain',
        attachments: Array.isArray(input['attachments']) ? (input['attachments'] as string[]) : [],
        source: 'api',
        conversationProviderId: String(input['conversationProviderId']),
        ...(typeof input['altId'] === 'string' ? { altId: input['altId'] } : {}),
        ...(typeof input['subject'] === 'string' ? { subject: input['subject'] } : {}),
      },
      context.now,
    );
    return json(200, { success: true, conversationId: conversation.id, messageId: message.id, message: 'Message added successfully', contactId: conversation.contactId, dateAdded: message.dateAdded });
  }
}

/** The search filters that compare one field. */
function matchesFilters(result: { id: string; contactId: string; unreadCount: number; starred: boolean; lastMessageType: string; assignedTo?: string }, query: URLSearchParams): boolean {
  const equal = (name: string, value: string | undefined) => query.get(name) === null || query.get(name) === value;
  const status = query.get('status');
  const statusOk = status === null || status === 'all' || status === 'recents' || (status === 'unread' ? result.unreadCount > 0 : status === 'read' ? result.unreadCount === 0 : result.starred);
  return equal('id', result.id) && equal('contactId', result.contactId) && equal('lastMessageType', result.lastMessageType) && statusOk;
}

/** A JSON-object body that passes the DTO's checks, or the error to send. */
function body(context: ApiContext, fields: Dto, required: readonly string[]): Checked<Record<string, unknown>> {
  return checkedBody(context, (value) => checkDto(value, requiring(fields, required)));
}
