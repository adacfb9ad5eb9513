import * as z from 'zod/mini';
import { eventSchema, optionalList, optionalNumber, optionalString, optionalStringOrStrings, type WebhookEnvelope } from './common.js';

/*
 * Conversation message events, from GHL's InboundMessage and OutboundMessage pages
 * (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events): SMS, calls,
 * voicemail, email, social channels. Email messages add the email fields; calls add the call fields.
 */

interface MessageEventFields extends WebhookEnvelope {
  locationId: string;
  /** Recording, voicemail or file URLs. */
  attachments?: unknown[] | null | undefined;
  body?: string | null | undefined;
  contactId?: string | null | undefined;
  contentType?: string | null | undefined;
  conversationId?: string | null | undefined;
  dateAdded?: string | null | undefined;
  /** `inbound` or `outbound`. */
  direction?: string | null | undefined;
  /** e.g. `SMS`, `CALL`, `Email`, `GMB`, `FB`, `IG`, `Live Chat`, `VoiceMail`. */
  messageType?: string | null | undefined;
  status?: string | null | undefined;
  messageId?: string | null | undefined;
  userId?: string | null | undefined;
  conversationProviderId?: string | null | undefined;
  /** Calls: length in seconds. */
  callDuration?: number | null | undefined;
  /** Calls: e.g. `completed`, `voicemail`. */
  callStatus?: string | null | undefined;
  /** Email messages. */
  emailMessageId?: string | null | undefined;
  threadId?: string | null | undefined;
  provider?: string | null | undefined;
  from?: string | null | undefined;
  subject?: string | null | undefined;
  /** GHL documents a string; its examples send a list. */
  to?: string | string[] | null | undefined;
  cc?: string | string[] | null | undefined;
  bcc?: string | string[] | null | undefined;
}

/** A contact sent a message (or called) the location. */
export interface InboundMessageEvent extends MessageEventFields {
  type: 'InboundMessage';
}

/** The location sent a message (or called) a contact. */
export interface OutboundMessageEvent extends MessageEventFields {
  type: 'OutboundMessage';
  /** Where it was sent from, e.g. `app`, `workflow`. */
  source?: string | null | undefined;
}

const messageShape = {
  locationId: z.string(),
  attachments: optionalList,
  body: optionalString,
  contactId: optionalString,
  contentType: optionalString,
  conversationId: optionalString,
  dateAdded: optionalString,
  direction: optionalString,
  messageType: optionalString,
  status: optionalString,
  messageId: optionalString,
  userId: optionalString,
  conversationProviderId: optionalString,
  callDuration: optionalNumber,
  callStatus: optionalString,
  emailMessageId: optionalString,
  threadId: optionalString,
  provider: optionalString,
  from: optionalString,
  subject: optionalString,
  to: optionalStringOrStrings,
  cc: optionalStringOrStrings,
  bcc: optionalStringOrStrings,
};

export const inboundMessageSchema: z.ZodMiniType<InboundMessageEvent> = eventSchema('InboundMessage', messageShape);
export const outboundMessageSchema: z.ZodMiniType<OutboundMessageEvent> = eventSchema('OutboundMessage', { ...messageShape, source: optionalString });
