import { ghlId } from '../../ids.js';

/** A conversation as the simulator keeps it (the fields of the spec's `ConversationSchema` and `ConversationDto`). */
export interface SimulatedConversation {
  id: string;
  locationId: string;
  contactId: string;
  /** `TYPE_PHONE`, `TYPE_EMAIL`, … */
  type: string;
  unreadCount: number;
  starred: boolean;
  inbox: boolean;
  deleted: boolean;
  assignedTo?: string;
  lastMessageBody: string;
  lastMessageType: string;
  /** Epoch ms; strictly increasing across conversations, so it is a stable sort value for `startAfterDate`. */
  lastMessageDate: number;
  dateAdded: number;
  dateUpdated: number;
}

/** A message as the simulator keeps it (spec `GetMessageResponseDto`). */
export interface SimulatedMessage {
  id: string;
  conversationId: string;
  locationId: string;
  contactId: string;
  /** The channel's number; `messageType` names it. */
  type: number;
  messageType: string;
  direction: 'inbound' | 'outbound';
  status: string;
  body: string;
  contentType: string;
  attachments: string[];
  source: string;
  /** ISO-8601; strictly increasing within the simulator. */
  dateAdded: string;
  subject?: string;
  altId?: string;
  conversationProviderId?: string;
}

/** Conversations and their messages (oldest first in storage; GHL lists newest first). */
export class ConversationStore {
  private readonly conversations = new Map<string, SimulatedConversation>();
  private readonly messages = new Map<string, SimulatedMessage[]>();
  private readonly byId = new Map<string, SimulatedMessage>();
  private lastStamp = 0;

  /** `now`, or 1 ms after the last stamp handed out: two records never share a sort value. */
  stamp(now: number): number {
    this.lastStamp = Math.max(now, this.lastStamp + 1);
    return this.lastStamp;
  }

  create(fields: { locationId: string; contactId: string; type?: string; id?: string | undefined }, now: number): SimulatedConversation {
    const at = this.stamp(now);
    const conversation: SimulatedConversation = {
      id: fields.id ?? ghlId(),
      locationId: fields.locationId,
      contactId: fields.contactId,
      type: fields.type ?? 'TYPE_PHONE',
      unreadCount: 0,
      starred: false,
      inbox: true,
      deleted: false,
      lastMessageBody: '',
      lastMessageType: '',
      lastMessageDate: at,
      dateAdded: at,
      dateUpdated: at,
    };
    this.conversations.set(conversation.id, conversation);
    this.messages.set(conversation.id, []);
    return conversation;
  }

  get(id: string): SimulatedConversation | undefined {
    return this.conversations.get(id);
  }

  /** The contact's conversation, if it has one. */
  ofContact(locationId: string, contactId: string): SimulatedConversation | undefined {
    return this.list(locationId).find((conversation) => conversation.contactId === contactId);
  }

  list(locationId?: string): SimulatedConversation[] {
    return [...this.conversations.values()].filter((conversation) => locationId === undefined || conversation.locationId === locationId);
  }

  update(conversation: SimulatedConversation, changes: Partial<Pick<SimulatedConversation, 'unreadCount' | 'starred'>>, now: number): SimulatedConversation {
    Object.assign(conversation, changes, { dateUpdated: now });
    return conversation;
  }

  delete(id: string): void {
    for (const message of this.messages.get(id) ?? []) this.byId.delete(message.id);
    this.messages.delete(id);
    this.conversations.delete(id);
  }

  /** Appends a message and makes it the conversation's last one. */
  addMessage(conversation: SimulatedConversation, fields: Omit<SimulatedMessage, 'id' | 'conversationId' | 'locationId' | 'contactId' | 'dateAdded'>, now: number): SimulatedMessage {
    const at = this.stamp(now);
    const message: SimulatedMessage = { ...fields, id: ghlId(), conversationId: conversation.id, locationId: conversation.locationId, contactId: conversation.contactId, dateAdded: new Date(at).toISOString() };
    this.messages.get(conversation.id)?.push(message);
    this.byId.set(message.id, message);
    Object.assign(conversation, { lastMessageBody: message.body, lastMessageType: message.messageType, lastMessageDate: at, dateUpdated: at });
    if (message.direction === 'inbound') conversation.unreadCount += 1;
    return message;
  }

  message(id: string): SimulatedMessage | undefined {
    return this.byId.get(id);
  }

  /** The conversation's messages, oldest first. */
  messagesOf(conversationId: string): SimulatedMessage[] {
    return this.messages.get(conversationId) ?? [];
  }

  clear(): void {
    this.conversations.clear();
    this.messages.clear();
    this.byId.clear();
  }
}
