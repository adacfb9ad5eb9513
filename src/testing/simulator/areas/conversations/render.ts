import { contactName, type ContactStore } from '../contacts/store.js';
import type { SimulatedConversation, SimulatedMessage } from './store.js';

/** How GHL shows a conversation in each answer: search (`ConversationSchema`), get (`GetConversationByIdResponse`), writes (`ConversationDto`). */
export function conversationViews(contacts: ContactStore) {
  const base = (conversation: SimulatedConversation) => {
    const { type: _type, dateAdded, dateUpdated, ...fields } = conversation;
    return { ...fields, dateAdded: new Date(dateAdded).toISOString(), dateUpdated: new Date(dateUpdated).toISOString() };
  };
  return {
    /** A search result: the contact's name, email and phone, and `sort` (what `startAfterDate` continues after). */
    searchResult(conversation: SimulatedConversation) {
      const contact = contacts.get(conversation.contactId);
      const name = contact ? contactName(contact) : '';
      return {
        ...base(conversation),
        type: conversation.type,
        fullName: name,
        contactName: name || (contact?.companyName ?? ''),
        email: contact?.email ?? '',
        phone: contact?.phone ?? '',
        sort: [conversation.lastMessageDate],
      };
    },
    /** `GET /conversations/{id}`: `type` is a number there (1 phone, 2 email, 3 Facebook Messenger, 4 review, 5 group SMS). */
    byId(conversation: SimulatedConversation) {
      return { ...base(conversation), type: ['TYPE_PHONE', 'TYPE_EMAIL', 'TYPE_FB_MESSENGER', 'TYPE_REVIEW', 'TYPE_GROUP_SMS'].indexOf(conversation.type) + 1 };
    },
    /** The `conversation` of create and update answers. */
    written(conversation: SimulatedConversation) {
      return base(conversation);
    },
  };
}

/** A message as GHL returns it (`GetMessageResponseDto`). */
export function messageView(message: SimulatedMessage) {
  return { ...message };
}
