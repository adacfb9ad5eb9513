import type { ResolvedOptions } from '../../options.js';
import type { ContactStore, SimulatedContact } from './store.js';

/** Test helpers for the simulator's contacts (`sim.contacts`); everything returned is a copy. */
export interface GHLSimulatorContacts {
  /** Contacts of `locationId`, or of every location when omitted, oldest first. */
  list(locationId?: string): SimulatedContact[];
  get(id: string): SimulatedContact | undefined;
  clear(): void;
  /**
   * Stores a contact directly, bypassing validation and duplicate rules (`locationId` defaults to the
   * simulator's; `id` and `dateAdded` may be fixed). `customFields` take the write shape `{ id | key, field_value }`.
   */
  seed(contact?: Partial<Omit<SimulatedContact, 'customFields'>> & { customFields?: Array<{ id?: string; key?: string; field_value: unknown }> }): SimulatedContact;
}

export function contactsControl(store: ContactStore, options: ResolvedOptions): GHLSimulatorContacts {
  return {
    list: (locationId) => structuredClone(store.list(locationId)),
    get: (id) => structuredClone(store.get(id)),
    clear: () => store.clear(),
    seed: (contact = {}) => {
      const { locationId = options.locationId, id, dateAdded, ...fields } = contact;
      return structuredClone(store.create(locationId, fields, options.now(), { id, dateAdded }));
    },
  };
}
