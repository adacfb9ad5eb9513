import * as z from 'zod/mini';
import { epochMsTime, epochSecondsTime, isoTime } from '../time-input.js';

/*
 * Input schemas follow spec/apps/conversations.json (SendMessageBodyDto, ProcessMessageBodyDto,
 * ProcessOutboundMessageBodyDto, CreateConversationDto, UpdateConversationDto and the search and
 * get-messages query parameters). Strict: GHL answers 422 to unknown fields (docs/ghl-api.md §3.2).
 * Public types live in types.ts.
 */

const id = z.string().check(z.minLength(1));
const optionalString = z.optional(z.string());
const stringList = z.optional(z.array(z.string()));
const present = (value: unknown) => typeof value === 'string' && value.trim() !== '';

const listFields = {
  contactId: z.optional(id),
  assignedTo: optionalString,
  followers: optionalString,
  mentions: optionalString,
  query: optionalString,
  sort: z.optional(z.enum(['asc', 'desc'])),
  sortBy: z.optional(z.enum(['last_manual_message_date', 'last_message_date', 'score_profile', 'overdue_at', 'due_at'])),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  lastMessageType: optionalString,
  lastMessageAction: z.optional(z.enum(['automated', 'manual'])),
  lastMessageDirection: z.optional(z.enum(['inbound', 'outbound'])),
  status: z.optional(z.enum(['all', 'read', 'unread', 'starred', 'recents'])),
  startDate: z.optional(epochMsTime),
  endDate: z.optional(epochMsTime),
};

export const listConversationsSchema = z.strictObject(listFields);
export const searchConversationsSchema = z.strictObject({ ...listFields, id: z.optional(id), startAfterDate: z.optional(z.number()) });

export const createConversationSchema = z.strictObject({ locationId: id, contactId: id });

export const updateConversationSchema = z.strictObject({
  locationId: id,
  unreadCount: z.optional(z.number().check(z.int(), z.minimum(0))),
  starred: z.optional(z.boolean()),
  feedback: z.optional(z.record(z.string(), z.unknown())),
});

export const listMessagesSchema = z.strictObject({
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  type: z.optional(z.array(id).check(z.minLength(1))),
  lastMessageId: z.optional(id),
});

/** What each channel needs before GHL can deliver it; checked here so a bad send costs no request. */
function channelRules(message: { type: string; message?: string | undefined; html?: string | undefined; subject?: string | undefined }, context: { issues: unknown[] }): void {
  const issue = (path: string, text: string) => context.issues.push({ code: 'custom', message: text, path: [path], input: message });
  if (message.type === 'SMS' && !present(message.message)) issue('message', 'an SMS needs a message');
  if (message.type === 'Email') {
    if (!present(message.html) && !present(message.message)) issue('html', 'an Email needs html or message');
    if (!present(message.subject)) issue('subject', 'an Email needs a subject');
  }
}

export const sendMessageSchema = z
  .strictObject({
    type: z.enum(['SMS', 'RCS', 'Email', 'WhatsApp', 'IG', 'FB', 'Custom', 'Live_Chat', 'TIKTOK']),
    contactId: id,
    message: optionalString,
    html: optionalString,
    subject: optionalString,
    attachments: stringList,
    scheduledTimestamp: z.optional(epochSecondsTime),
    appointmentId: optionalString,
    emailFrom: optionalString,
    emailTo: optionalString,
    emailCc: stringList,
    emailBcc: stringList,
    emailReplyMode: z.optional(z.enum(['reply', 'reply_all'])),
    replyMessageId: optionalString,
    templateId: optionalString,
    threadId: optionalString,
    conversationProviderId: optionalString,
    customSubtypeId: optionalString,
    fromNumber: optionalString,
    toNumber: optionalString,
    usesNativeSchedulingAi: z.optional(z.boolean()),
    optimizationPeriod: z.optional(z.enum(['24h', '48h', '72h'])),
  })
  .check((context) => channelRules(context.value, context));

const callData = z.optional(
  z.strictObject({
    to: optionalString,
    from: optionalString,
    status: z.optional(z.enum(['pending', 'completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled', 'voicemail'])),
  }),
);

export const addInboundSchema = z.strictObject({
    type: z.enum(['SMS', 'RCS', 'Email', 'WhatsApp', 'GMB', 'IG', 'FB', 'Custom', 'WebChat', 'Live_Chat', 'Call', 'IVR_Call', 'Campaign_Call', 'Campaign_VoiceMail', 'TIKTOK', 'ALL_IN_ONE_CHAT', 'FORM_SUBMISSION']),
    conversationId: id,
    contactId: id,
    conversationProviderId: id,
    message: optionalString,
    html: optionalString,
    subject: optionalString,
    attachments: stringList,
    emailFrom: optionalString,
    emailTo: optionalString,
    emailCc: stringList,
    emailBcc: stringList,
    emailMessageId: optionalString,
    altId: optionalString,
    date: z.optional(isoTime),
    call: callData,
  });

export const addOutboundSchema = z.strictObject({
  type: z.literal('Call'),
  conversationId: id,
  conversationProviderId: id,
  attachments: stringList,
  altId: optionalString,
  date: z.optional(isoTime),
  call: callData,
});

// Responses: loose objects requiring only what the SDK reads.
const conversation = z.looseObject({ id: z.string() });
const message = z.looseObject({ id: z.string() });

export const searchResponseSchema = z.looseObject({ conversations: z.array(conversation), total: z.optional(z.number()) });
export const conversationSchema = conversation;
export const conversationEnvelopeSchema = z.looseObject({ conversation });
export const messageSchema = message;
export const messagesPageSchema = z.looseObject({ messages: z.array(message), lastMessageId: z.optional(z.nullable(z.string())), nextPage: z.optional(z.boolean()) });
export const sendResponseSchema = z.looseObject({ conversationId: z.string(), messageId: z.string() });
export const addMessageResponseSchema = z.looseObject({ conversationId: z.string(), messageId: z.string() });
