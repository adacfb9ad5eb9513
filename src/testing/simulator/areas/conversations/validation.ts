import type { Dto } from '../../dto.js';

/** Field lists of spec/apps/conversations.json's request bodies. */

export const SEND_TYPES = ['SMS', 'RCS', 'Email', 'WhatsApp', 'IG', 'FB', 'Custom', 'Live_Chat', 'TIKTOK'] as const;
const INBOUND_TYPES = ['SMS', 'RCS', 'Email', 'WhatsApp', 'GMB', 'IG', 'FB', 'Custom', 'WebChat', 'Live_Chat', 'Call', 'IVR_Call', 'Campaign_Call', 'Campaign_VoiceMail', 'TIKTOK', 'ALL_IN_ONE_CHAT', 'FORM_SUBMISSION'] as const;

/**
 * `SendMessageBodyDto`. The spec lists `subType` and `status` as required too, but they describe the
 * message rather than ask for anything, and GHL's send examples and its own docs send neither: the
 * simulator requires `type` and `contactId` only (docs/ghl-api.md "Calendars and conversations").
 */
export const SEND_FIELDS: Dto = {
  type: { kind: 'enum', values: SEND_TYPES },
  subType: { kind: 'any' },
  contactId: { kind: 'string' },
  appointmentId: { kind: 'string' },
  attachments: { kind: 'stringArray' },
  emailFrom: { kind: 'string' },
  emailCc: { kind: 'stringArray' },
  emailBcc: { kind: 'stringArray' },
  html: { kind: 'string' },
  message: { kind: 'string' },
  subject: { kind: 'string' },
  replyMessageId: { kind: 'string' },
  templateId: { kind: 'string' },
  threadId: { kind: 'string' },
  scheduledTimestamp: { kind: 'number' },
  conversationProviderId: { kind: 'string' },
  emailTo: { kind: 'string' },
  customSubtypeId: { kind: 'string' },
  emailReplyMode: { kind: 'enum', values: ['reply', 'reply_all'] },
  fromNumber: { kind: 'string' },
  toNumber: { kind: 'string' },
  forward: { kind: 'object' },
  status: { kind: 'enum', values: ['delivered', 'failed', 'pending', 'read'] },
  usesNativeSchedulingAi: { kind: 'boolean' },
  optimizationPeriod: { kind: 'enum', values: ['24h', '48h', '72h'] },
};
export const SEND_REQUIRED = ['type', 'contactId'] as const;

/** `ProcessMessageBodyDto`. */
export const INBOUND_FIELDS: Dto = {
  type: { kind: 'enum', values: INBOUND_TYPES },
  attachments: { kind: 'stringArray' },
  message: { kind: 'string' },
  conversationId: { kind: 'string' },
  contactId: { kind: 'string' },
  conversationProviderId: { kind: 'string' },
  html: { kind: 'string' },
  subject: { kind: 'string' },
  emailFrom: { kind: 'string' },
  emailTo: { kind: 'string' },
  emailCc: { kind: 'stringArray' },
  emailBcc: { kind: 'stringArray' },
  emailMessageId: { kind: 'string' },
  altId: { kind: 'string' },
  direction: { kind: 'any' },
  date: { kind: 'string' },
  call: { kind: 'object' },
};
export const INBOUND_REQUIRED = ['type', 'conversationId', 'contactId', 'conversationProviderId'] as const;

/** `ProcessOutboundMessageBodyDto`: calls only. */
export const OUTBOUND_FIELDS: Dto = {
  type: { kind: 'enum', values: ['Call'] },
  attachments: { kind: 'stringArray' },
  conversationId: { kind: 'string' },
  conversationProviderId: { kind: 'string' },
  altId: { kind: 'string' },
  date: { kind: 'string' },
  call: { kind: 'object' },
};
export const OUTBOUND_REQUIRED = ['type', 'conversationId', 'conversationProviderId'] as const;

/** `CreateConversationDto`. */
export const CREATE_CONVERSATION_FIELDS: Dto = { locationId: { kind: 'string' }, contactId: { kind: 'string' } };

/** `UpdateConversationDto`. */
export const UPDATE_CONVERSATION_FIELDS: Dto = { locationId: { kind: 'string' }, unreadCount: { kind: 'number' }, starred: { kind: 'boolean' }, feedback: { kind: 'object' } };

/** The spec's `messageType` enum (`GetMessageResponseDto`), in its order. */
const MESSAGE_TYPES = ['TYPE_CALL', 'TYPE_SMS', 'TYPE_RCS', 'TYPE_EMAIL', 'TYPE_SMS_REVIEW_REQUEST', 'TYPE_WEBCHAT', 'TYPE_SMS_NO_SHOW_REQUEST', 'TYPE_CAMPAIGN_SMS', 'TYPE_CAMPAIGN_CALL', 'TYPE_CAMPAIGN_EMAIL', 'TYPE_CAMPAIGN_VOICEMAIL', 'TYPE_FACEBOOK', 'TYPE_CAMPAIGN_FACEBOOK', 'TYPE_CAMPAIGN_MANUAL_CALL', 'TYPE_CAMPAIGN_MANUAL_SMS', 'TYPE_GMB', 'TYPE_CAMPAIGN_GMB', 'TYPE_REVIEW', 'TYPE_INSTAGRAM', 'TYPE_WHATSAPP', 'TYPE_CUSTOM_SMS', 'TYPE_CUSTOM_EMAIL', 'TYPE_CUSTOM_PROVIDER_SMS', 'TYPE_CUSTOM_PROVIDER_EMAIL', 'TYPE_IVR_CALL', 'TYPE_ACTIVITY_CONTACT', 'TYPE_ACTIVITY_INVOICE', 'TYPE_ACTIVITY_PAYMENT', 'TYPE_ACTIVITY_OPPORTUNITY', 'TYPE_LIVE_CHAT', 'TYPE_LIVE_CHAT_INFO_MESSAGE', 'TYPE_ACTIVITY_APPOINTMENT', 'TYPE_FACEBOOK_COMMENT', 'TYPE_INSTAGRAM_COMMENT', 'TYPE_CUSTOM_CALL', 'TYPE_INTERNAL_COMMENT', 'TYPE_ACTIVITY_EMPLOYEE_ACTION_LOG', 'TYPE_TIKTOK', 'TYPE_TIKTOK_COMMENT', 'TYPE_ACTIVITY_WHATSAPP', 'TYPE_FORM_SUBMISSION', 'TYPE_SMS_REACTION'] as const;

/** The `messageType` a message of each send/inbound channel gets. */
const CHANNEL_MESSAGE_TYPES: Readonly<Record<string, (typeof MESSAGE_TYPES)[number]>> = {
  SMS: 'TYPE_SMS', RCS: 'TYPE_RCS', Email: 'TYPE_EMAIL', WhatsApp: 'TYPE_WHATSAPP', GMB: 'TYPE_GMB', IG: 'TYPE_INSTAGRAM', FB: 'TYPE_FACEBOOK',
  Custom: 'TYPE_CUSTOM_PROVIDER_SMS', WebChat: 'TYPE_WEBCHAT', Live_Chat: 'TYPE_LIVE_CHAT', Call: 'TYPE_CALL', IVR_Call: 'TYPE_IVR_CALL',
  Campaign_Call: 'TYPE_CAMPAIGN_CALL', Campaign_VoiceMail: 'TYPE_CAMPAIGN_VOICEMAIL', TIKTOK: 'TYPE_TIKTOK', ALL_IN_ONE_CHAT: 'TYPE_LIVE_CHAT', FORM_SUBMISSION: 'TYPE_FORM_SUBMISSION',
};

/** Every `messageType` the message list's `type` filter accepts. */
export const KNOWN_MESSAGE_TYPES: ReadonlySet<string> = new Set(MESSAGE_TYPES);

/**
 * A channel's `messageType`, its number and the conversation type it opens. The spec gives `type` as
 * a bare number: the simulator numbers each `messageType` by its 1-based place in the spec's enum.
 */
export function channelOf(channel: string): { type: number; messageType: string; conversationType: string } {
  const messageType = CHANNEL_MESSAGE_TYPES[channel] ?? 'TYPE_CUSTOM_PROVIDER_SMS';
  return { type: MESSAGE_TYPES.indexOf(messageType) + 1, messageType, conversationType: channel === 'Email' ? 'TYPE_EMAIL' : channel === 'FB' ? 'TYPE_FB_MESSENGER' : 'TYPE_PHONE' };
}
