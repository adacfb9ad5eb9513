import type { Requester } from '../http/requester.js';
import { Calendars } from './calendars/index.js';
import { Contacts } from './contacts/index.js';
import { Opportunities } from './opportunities/index.js';
import { Conversations } from './conversations/index.js';
import { Sync } from './sync.js';
import { Users } from './users/index.js';
import { Locations } from './locations/index.js';
import { Workflows } from './workflows/index.js';

/**
 * The resources of every client, by property name (`ghl.contacts`, …). `GHLClient` merges this
 * interface into its own type and assigns what `createResources` builds, so adding an API area is one
 * field here and one line below (docs/architecture.md "Adding a resource").
 */
export interface Resources {
  /** Contacts: create, upsert, get, update, delete, search, list, tags. */
  readonly contacts: Contacts;
  /** Calendars: list, get, free slots, events, appointments (and their notes). */
  readonly calendars: Calendars;
  /** Conversations and their messages: search, list, send SMS/email/…, provider inbound/outbound. */
  readonly conversations: Conversations;
  /** App-user and newsletter sync (idempotent upserts over `contacts`). */
  readonly sync: Sync;
  /** Opportunities: search, list, get, create, update, upsert, status, delete; and their pipelines. */
  readonly opportunities: Opportunities;
  /** Users: search, list, get. */
  readonly users: Users;
  /** The client's location, its custom fields, custom values and tags. */
  readonly locations: Locations;
  /** The location's workflows (read-only; enrol contacts with `contacts.workflows`). */
  readonly workflows: Workflows;
}

/** Every resource, each holding the same requester (no reference back to the client). */
export function createResources(requester: Requester): Resources {
  const contacts = new Contacts(requester);
  return {
    contacts,
    calendars: new Calendars(requester),
    conversations: new Conversations(requester),
    sync: new Sync(contacts, () => requester.rateLimited),
    opportunities: new Opportunities(requester),
    users: new Users(requester),
    locations: new Locations(requester),
    workflows: new Workflows(requester),
  };
}
