import type { AreaContext } from '../../area.js';
import { contactsArea } from '../contacts/index.js';
import { conversationsControl } from './control.js';
import { conversationRoutes } from './routes.js';
import { ConversationStore } from './store.js';

/**
 * Conversations (Version 2021-04-15): conversations with the contacts of `use(contactsArea).store`,
 * their messages (sent, inbound and outbound provider messages) with `lastMessageId` paging, and
 * `sim.conversations`.
 */
export function conversationsArea(context: AreaContext) {
  const store = new ConversationStore();
  return { store, routes: conversationRoutes(store, context.use(contactsArea).store), control: conversationsControl(store, context.options) };
}
