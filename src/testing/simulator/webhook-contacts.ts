import { ContactStore, type SimulatedContact } from './areas/contacts/store.js';
import { contactEvent, type ContactEventType } from './webhook-events.js';
import type { WebhookEmitter } from './webhook-sender.js';

/**
 * The contact store that tells the app: every change emits the matching contact webhook to the
 * subscribed URLs (ContactCreate, ContactUpdate, ContactTagUpdate for the tag endpoints,
 * ContactDelete with the contact as it was).
 */
export class NotifyingContactStore extends ContactStore {
  /** `create` fills the new contact through `apply`: that is part of the create, not an update. */
  private creating = false;

  constructor(private readonly webhooks: WebhookEmitter) {
    super();
  }

  override create(...args: Parameters<ContactStore['create']>): SimulatedContact {
    this.creating = true;
    let contact: SimulatedContact;
    try {
      contact = super.create(...args);
    } finally {
      this.creating = false;
    }
    return this.emit('ContactCreate', contact);
  }

  override apply(...args: Parameters<ContactStore['apply']>): SimulatedContact {
    const contact = super.apply(...args);
    return this.creating ? contact : this.emit('ContactUpdate', contact);
  }

  override addTags(...args: Parameters<ContactStore['addTags']>): string[] {
    const tags = super.addTags(...args);
    this.emit('ContactTagUpdate', args[0]);
    return tags;
  }

  override removeTags(...args: Parameters<ContactStore['removeTags']>): string[] {
    const tags = super.removeTags(...args);
    this.emit('ContactTagUpdate', args[0]);
    return tags;
  }

  override delete(id: string): void {
    const contact = this.get(id);
    super.delete(id);
    if (contact) this.emit('ContactDelete', contact);
  }

  private emit(type: ContactEventType, contact: SimulatedContact): SimulatedContact {
    this.webhooks.emit(contactEvent(type, contact));
    return contact;
  }
}
