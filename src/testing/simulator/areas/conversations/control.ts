import type { ResolvedOptions } from '../../options.js';
import type { ConversationStore, SimulatedConversation, SimulatedMessage } from './store.js';
import { channelOf } from './validation.js';

/** Test helpers for the simulator's conversations (`sim.conversations`); everything returned is a copy. */
export interface GHLSimulatorConversations {
  /** Conversations of `locationId`, or of every location, oldest first. */
  list(locationId?: string): SimulatedConversation[];
  get(id: string): SimulatedConversation | undefined;
  /** The conversation's messages, oldest first. */
  messages(conversationId: string): SimulatedMessage[];
  /** Removes every conversation and message. */
  clear(): void;
  /** Stores a conversation with a contact (`locationId` defaults to the simulator's); no contact check. */
  seed(conversation: { contactId: string; locationId?: string; id?: string }): SimulatedConversation;
  /** Appends `count` messages (`body` "message 1", "message 2", … by default) to a conversation; returns them. */
  seedMessages(conversationId: string, count: number, options?: { type?: string; direction?: 'inbound' | 'outbound'; body?: (index: number) => string }): SimulatedMessage[];
}

export function conversationsControl(store: ConversationStore, options: ResolvedOptions): GHLSimulatorConversations {
  return {
    list: (locationId) => structuredClone(store.list(locationId)),
    get: (id) => structuredClone(store.get(id)),
    messages: (conversationId) => structuredClone(store.messagesOf(conversationId)),
    clear: () => store.clear(),
    seed: ({ locationId = options.locationId, ...fields }) => structuredClone(store.create({ ...fields, locationId }, options.now())),
    seedMessages: (conversationId, count, { type = 'SMS', direction = 'outbound', body = (index: number) => `message ${index + 1}` } = {}) => {
      const conversation = store.get(conversationId);
      if (!conversation) throw new TypeError(`sim.conversations.seedMessages: no conversation ${conversationId}`);
      const channel = channelOf(type);
      const added = Array.from({ length: count }, (_, index) =>
        store.addMessage(conversation, { type: channel.type, messageType: channel.messageType, direction, status: 'delivered', body: body(index), contentType: 'text/plain', attachments: [], source: 'api' }, options.now()),
      );
      return structuredClone(added);
    },
  };
}
