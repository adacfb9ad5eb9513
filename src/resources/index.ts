import type { Requester } from '../http/requester.js';
import { Contacts } from './contacts/index.js';
import { Opportunities } from './opportunities/index.js';
import { Sync } from './sync.js';

/**
 * The resources of every client, by property name (`ghl.contacts`, …). `GHLClient` merges this
 * interface into its own type and assigns what `createResources` builds, so adding an API area is one
 * field here and one line below (docs/architecture.md "Adding a resource").
 */
export interface Resources {
  /** Contacts: create, upsert, get, update, delete, search, list, tags. */
  readonly contacts: Contacts;
  /** App-user and newsletter sync (idempotent upserts over `contacts`). */
  readonly sync: Sync;
  /** Opportunities: search, list, get, create, update, upsert, status, delete; and their pipelines. */
  readonly opportunities: Opportunities;
}

/** Every resource, each holding the same requester (no reference back to the client). */
export function createResources(requester: Requester): Resources {
  const contacts = new Contacts(requester);
  return {
    contacts,
    sync: new Sync(contacts, () => requester.rateLimited),
    opportunities: new Opportunities(requester),
  };
}
