import * as z from 'zod/mini';
import { dropUndefined } from '../auth/token-set.js';
import type { CallOptions } from '../http/transport.js';
import { parseInput } from '../validation.js';
import type { CustomFieldInput, UpsertContactInput, UpsertContactResult } from './contacts/types.js';
import type { Contacts } from './contacts/contacts.js';

/** A user of your app, as `sync.user` takes it. Only `email` is required. */
export interface AppUser {
  /**
   * Your app's user id. Accepted so app user objects pass as they are, but not sent: GHL contacts
   * have no field for it. To keep it in GHL, map it to a custom field via `customFields`.
   */
  id?: string | undefined;
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  /** Used to split first/last name when those are absent (the original integration passed a full name). */
  name?: string | undefined;
  phone?: string | undefined;
  companyName?: string | undefined;
  timezone?: string | undefined;
  country?: string | undefined;
  /** Added to the contact's tags (merged, never replacing tags set in GHL). */
  tags?: string[] | undefined;
  /** `{ 'contact.plan': 'pro' }` (by key) or GHL's `[{ id | key, field_value }]`. Sent with `'full_account'` only. */
  customFields?: Record<string, string | number | boolean | string[]> | CustomFieldInput[] | undefined;
}

export interface SyncUserOptions {
  /** `'basic'`: identity (email, name, phone) and tags. `'full_account'` (default): also company, timezone, country and custom fields. */
  syncType?: 'basic' | 'full_account' | undefined;
  /** Tags every synced user gets. Default `['app-user']`. */
  tags?: string[] | undefined;
  /** The contact's `source`. Default `'app user sync'`. */
  source?: string | undefined;
}

/** A newsletter subscriber. Only `email` is required. */
export interface NewsletterSubscriber {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  /** Extra tags besides the newsletter tag. */
  tags?: string[] | undefined;
}

export interface SyncNewsletterOptions {
  /** Default `'newsletter'`. */
  tag?: string | undefined;
  /** Default `'newsletter signup'`. */
  source?: string | undefined;
}

const tagList = z.optional(z.array(z.string().check(z.minLength(1))));
const optionalText = z.optional(z.string());

const appUserSchema = z.looseObject({
  id: z.optional(z.union([z.string(), z.number()])),
  email: z.email(),
  firstName: optionalText,
  lastName: optionalText,
  name: optionalText,
  phone: optionalText,
  companyName: optionalText,
  timezone: optionalText,
  country: optionalText,
  tags: tagList,
  customFields: z.optional(z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])), z.array(z.looseObject({}))])),
});

const subscriberSchema = z.looseObject({
  email: z.email(),
  firstName: optionalText,
  lastName: optionalText,
  name: optionalText,
  phone: optionalText,
  tags: tagList,
});

const newsletterOptionsSchema = z.strictObject({
  tag: z.optional(z.string().check(z.minLength(1))),
  source: optionalText,
});

const syncOptionsSchema = z.strictObject({
  syncType: z.optional(z.enum(['basic', 'full_account'])),
  tags: tagList,
  source: optionalText,
});

function splitName(user: { firstName?: string | undefined; lastName?: string | undefined; name?: string | undefined }) {
  if (user.firstName || user.lastName || !user.name?.trim()) return { firstName: user.firstName, lastName: user.lastName };
  const [first, ...rest] = user.name.trim().split(/\s+/);
  return { firstName: first, lastName: rest.length > 0 ? rest.join(' ') : undefined };
}

function toCustomFields(fields: AppUser['customFields']): CustomFieldInput[] | undefined {
  if (fields === undefined) return undefined;
  if (Array.isArray(fields)) return fields;
  return Object.entries(fields).map(([key, value]) => ({ key, field_value: value }));
}

/**
 * App user and newsletter sync: what the original integration's `sync_to_company_ghl` and
 * newsletter route did, made idempotent. Each sync is an upsert (matched by email) without `tags`,
 * because tags on upsert replace all of a contact's tags (ghl-api.md §3.2); tags are then merged
 * with the add-tags endpoint. Running a sync twice leaves the same contact in the same state.
 */
export class Sync {
  private readonly contacts: Contacts;

  constructor(contacts: Contacts) {
    this.contacts = contacts;
  }

  /** Upserts an app user as a contact. Returns the contact (with its merged tags) and whether it was new. */
  async user(user: AppUser, options: SyncUserOptions = {}, call?: CallOptions): Promise<UpsertContactResult> {
    const valid = parseInput(appUserSchema, user, 'user') as AppUser;
    const { syncType = 'full_account', tags = ['app-user'], source = 'app user sync' } = parseInput(syncOptionsSchema, options, 'sync options');
    const input: UpsertContactInput = dropUndefined({
      email: valid.email,
      ...splitName(valid),
      phone: valid.phone,
      source,
    });
    if (syncType === 'full_account') {
      Object.assign(input, dropUndefined({ companyName: valid.companyName, timezone: valid.timezone, country: valid.country, customFields: toCustomFields(valid.customFields) }));
    }
    return this.upsertThenTag(input, [...tags, ...(valid.tags ?? [])], call);
  }

  /** Upserts a newsletter subscriber and tags them (default tag `newsletter`). */
  async newsletter(subscriber: NewsletterSubscriber, options: SyncNewsletterOptions = {}, call?: CallOptions): Promise<UpsertContactResult> {
    const valid = parseInput(subscriberSchema, subscriber, 'subscriber') as NewsletterSubscriber;
    // Validated before the upsert: an empty tag found only at the add-tags step would leave a half-done sync.
    const { tag = 'newsletter', source = 'newsletter signup' } = parseInput(newsletterOptionsSchema, options, 'newsletter options');
    const input: UpsertContactInput = dropUndefined({
      email: valid.email,
      ...splitName(valid),
      phone: valid.phone,
      source,
    });
    return this.upsertThenTag(input, [tag, ...(valid.tags ?? [])], call);
  }

  private async upsertThenTag(input: UpsertContactInput, tags: string[], call: CallOptions | undefined): Promise<UpsertContactResult> {
    const { contact, created } = await this.contacts.upsert(input, call);
    const unique = [...new Set(tags)];
    if (unique.length === 0) return { contact, created };
    const merged = await this.contacts.addTags(contact.id, unique, call);
    return { contact: { ...contact, tags: merged }, created };
  }
}
