/*
 * Public conversation and message types, written out (not inferred from zod) so the published .d.ts
 * needs no zod. They mirror GHL's conversations spec (spec/apps/conversations.json, Version 2021-04-15).
 */
import type { TimeInput } from '../time-input.js';

/** A conversation as search and get return it (`ConversationSchema`, `GetConversationByIdResponse`). Only `id` is guaranteed. */
export interface Conversation {
  id: string;
  contactId?: string | undefined;
  locationId?: string | undefined;
  lastMessageBody?: string | undefined;
  lastMessageType?: string | undefined;
  /** Epoch ms of the last message (search results). */
  lastMessageDate?: number | undefined;
  /** Search results: `TYPE_PHONE`, `TYPE_EMAIL`, …; get: a number (1 phone, 2 email, …). */
  type?: string | number | undefined;
  unreadCount?: number | undefined;
  fullName?: string | undefined;
  contactName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  assignedTo?: string | undefined;
  starred?: boolean | undefined;
  inbox?: boolean | undefined;
  deleted?: boolean | undefined;
  /** Search results: the sort value `startAfterDate` continues from. */
  sort?: Array<string | number> | undefined;
  [field: string]: unknown;
}

export type ConversationSortBy = 'last_manual_message_date' | 'last_message_date' | 'score_profile' | 'overdue_at' | 'due_at';

/** Filters of a conversation search (query parameters of `GET /conversations/search`). */
export interface ListConversationsParams {
  contactId?: string | undefined;
  /** User ids, comma-separated; `unassigned` for none. */
  assignedTo?: string | undefined;
  followers?: string | undefined;
  mentions?: string | undefined;
  query?: string | undefined;
  sort?: 'asc' | 'desc' | undefined;
  sortBy?: ConversationSortBy | undefined;
  /** Page size (GHL's default 20). */
  limit?: number | undefined;
  /** `TYPE_SMS`, `TYPE_EMAIL`, … */
  lastMessageType?: string | undefined;
  lastMessageAction?: 'automated' | 'manual' | undefined;
  lastMessageDirection?: 'inbound' | 'outbound' | undefined;
  status?: 'all' | 'read' | 'unread' | 'starred' | 'recents' | undefined;
  /** Added on or after: Date, epoch ms or ISO string. Sent as epoch milliseconds (the spec's "Unix timestamp in milliseconds"). */
  startDate?: TimeInput | undefined;
  /** Added on or before; sent as epoch milliseconds. */
  endDate?: TimeInput | undefined;
}

export interface SearchConversationsParams extends ListConversationsParams {
  /** One conversation by id. */
  id?: string | undefined;
  /** Continue after this sort value (the last result's `sort[0]`, or its `lastMessageDate`). */
  startAfterDate?: number | undefined;
}

export interface SearchConversationsResult {
  conversations: Conversation[];
  total: number;
  /** The cursor for the next page (`startAfterDate`), when this page has results. */
  nextStartAfterDate: number | undefined;
}

export interface CreateConversationInput {
  contactId: string;
  /** Default: the client's location. */
  locationId?: string | undefined;
}

export interface UpdateConversationInput {
  unreadCount?: number | undefined;
  starred?: boolean | undefined;
  feedback?: Record<string, unknown> | undefined;
}

/** The channels `messages.send` takes (`SendMessageBodyDto.type`). */
export type MessageChannel = 'SMS' | 'RCS' | 'Email' | 'WhatsApp' | 'IG' | 'FB' | 'Custom' | 'Live_Chat' | 'TIKTOK';

/** `messages.send`'s input (`SendMessageBodyDto`). */
export interface SendMessageInput {
  type: MessageChannel;
  contactId: string;
  /** The text; required for `SMS`, and for `Email` unless `html` is given. */
  message?: string | undefined;
  /** An email's HTML body (`Email` needs `html` or `message`). */
  html?: string | undefined;
  /** An email's subject (required for `Email`). */
  subject?: string | undefined;
  /** Attachment URLs. */
  attachments?: string[] | undefined;
  /** Send later: Date, epoch ms or ISO string. Sent as epoch seconds (the spec's "UTC Timestamp (in seconds)"). */
  scheduledTimestamp?: TimeInput | undefined;
  appointmentId?: string | undefined;
  emailFrom?: string | undefined;
  emailTo?: string | undefined;
  emailCc?: string[] | undefined;
  emailBcc?: string[] | undefined;
  emailReplyMode?: 'reply' | 'reply_all' | undefined;
  replyMessageId?: string | undefined;
  templateId?: string | undefined;
  threadId?: string | undefined;
  conversationProviderId?: string | undefined;
  customSubtypeId?: string | undefined;
  fromNumber?: string | undefined;
  toNumber?: string | undefined;
  usesNativeSchedulingAi?: boolean | undefined;
  optimizationPeriod?: '24h' | '48h' | '72h' | undefined;
}

/** What `messages.send` returns (`SendMessageResponseDto`). */
export interface SendMessageResult {
  conversationId: string;
  messageId: string;
  /** Email only: the email message id. */
  emailMessageId?: string | undefined;
  /** GMB: one id per message sent. */
  messageIds?: string[] | undefined;
  status?: string | undefined;
  msg?: string | undefined;
  [field: string]: unknown;
}

/** A phone call's parties and outcome (`CallDataDTO`). */
export interface CallData {
  to?: string | undefined;
  from?: string | undefined;
  status?: 'pending' | 'completed' | 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled' | 'voicemail' | undefined;
}

/** The channels an inbound message may come from (`ProcessMessageBodyDto.type`). */
export type InboundMessageChannel =
  | 'SMS' | 'RCS' | 'Email' | 'WhatsApp' | 'GMB' | 'IG' | 'FB' | 'Custom' | 'WebChat' | 'Live_Chat'
  | 'Call' | 'IVR_Call' | 'Campaign_Call' | 'Campaign_VoiceMail' | 'TIKTOK' | 'ALL_IN_ONE_CHAT' | 'FORM_SUBMISSION';

/** `messages.addInbound`'s input (`ProcessMessageBodyDto`), for conversation-provider apps. */
export interface AddInboundMessageInput {
  type: InboundMessageChannel;
  conversationId: string;
  contactId: string;
  conversationProviderId: string;
  message?: string | undefined;
  html?: string | undefined;
  subject?: string | undefined;
  attachments?: string[] | undefined;
  emailFrom?: string | undefined;
  emailTo?: string | undefined;
  emailCc?: string[] | undefined;
  emailBcc?: string[] | undefined;
  emailMessageId?: string | undefined;
  /** Your provider's own message id: how you find the message again after an uncertain failure. */
  altId?: string | undefined;
  /** When it arrived: Date, epoch ms or ISO string. Sent as an ISO string. */
  date?: TimeInput | undefined;
  call?: CallData | undefined;
}

/** `messages.addOutbound`'s input (`ProcessOutboundMessageBodyDto`): GHL takes calls only. */
export interface AddOutboundMessageInput {
  type: 'Call';
  conversationId: string;
  conversationProviderId: string;
  attachments?: string[] | undefined;
  altId?: string | undefined;
  /** When it happened: Date, epoch ms or ISO string. Sent as an ISO string. */
  date?: TimeInput | undefined;
  call?: CallData | undefined;
}

/** What `addInbound` and `addOutbound` return (`ProcessMessageResponseDto`). */
export interface AddMessageResult {
  success?: boolean | undefined;
  conversationId: string;
  messageId: string;
  message?: string | undefined;
  contactId?: string | undefined;
  dateAdded?: string | undefined;
  emailMessageId?: string | undefined;
  [field: string]: unknown;
}

/** A message as GHL returns it (`GetMessageResponseDto`). */
export interface Message {
  id: string;
  conversationId?: string | undefined;
  contactId?: string | undefined;
  locationId?: string | undefined;
  /** A number per channel (GHL's `type`); `messageType` names it. */
  type?: number | undefined;
  /** `TYPE_SMS`, `TYPE_EMAIL`, … */
  messageType?: string | undefined;
  body?: string | undefined;
  direction?: 'inbound' | 'outbound' | undefined;
  status?: string | undefined;
  contentType?: string | undefined;
  attachments?: string[] | undefined;
  dateAdded?: string | undefined;
  source?: string | undefined;
  userId?: string | undefined;
  conversationProviderId?: string | undefined;
  [field: string]: unknown;
}

export interface ListMessagesParams {
  /** Page size (GHL's default 20). */
  limit?: number | undefined;
  /** Only these message types, e.g. `['TYPE_SMS', 'TYPE_EMAIL']`. */
  type?: string[] | undefined;
  /** Start after this message id (default: the newest message). */
  lastMessageId?: string | undefined;
}
