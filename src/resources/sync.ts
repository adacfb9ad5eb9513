import * as z from 'zod/mini';
import { dropUndefined } from '../auth/token-set.js';
import type { CallOptions } from '../http/transport.js';
import { GHLValidationError } from '../errors.js';
import { parseInput } from '../validation.js';
import { runBulkSync } from './sync/bulk.js';
import { splitBulkOptions, type BulkSyncOptions, type BulkSyncReport, type SyncSource } from './sync/bulk-options.js';
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

/** `sync.users(users, options)`: how each user is synced, and how the run goes. */
export interface SyncUsersOptions extends SyncUserOptions, BulkSyncOptions {}

/** The bulk `sync.newsletter(subscribers, options)`. */
export interface SyncNewslettersOptions extends SyncNewsletterOptions, BulkSyncOptions {}

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

interface ResolvedUserOptions {
  syncType: 'basic' | 'full_account';
  tags: string[];
  source: string;
}

interface ResolvedNewsletterOptions {
  tag: string;
  source: string;
}

/** A validated row, ready to send: the upsert body and the tags to merge. */
interface PreparedSync {
  input: UpsertContactInput;
  tags: string[];
}

function parseUserOptions(options: SyncUserOptions): ResolvedUserOptions {
  const { syncType = 'full_account', tags = ['app-user'], source = 'app user sync' } = parseInput(syncOptionsSchema, options, 'sync options');
  return { syncType, tags, source };
}

// Validated before the upsert: an empty tag found only at the add-tags step would leave a half-done sync.
function parseNewsletterOptions(options: SyncNewsletterOptions): ResolvedNewsletterOptions {
  const { tag = 'newsletter', source = 'newsletter signup' } = parseInput(newsletterOptionsSchema, options, 'newsletter options');
  return { tag, source };
}

/** An array or (async) iterable of rows; a string is iterable too but never a list of rows. */
function isSource<T>(value: T | SyncSource<T>): value is SyncSource<T> {
  if (value === null || typeof value !== 'object') return false;
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

function requireSource<T>(value: SyncSource<T>, what: string): SyncSource<T> {
  if (!isSource(value)) throw new GHLValidationError(`${what}: expected an array, an iterable or an async iterable`, [{ path: what, message: 'expected an array, an iterable or an async iterable' }]);
  return value;
}

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
  private readonly rateLimited: () => number;

  /** `rateLimited`: the 429s seen so far for the location, reported in bulk progress. */
  constructor(contacts: Contacts, rateLimited: () => number = () => 0) {
    this.contacts = contacts;
    this.rateLimited = rateLimited;
  }

  /** Upserts an app user as a contact. Returns the contact (with its merged tags) and whether it was new. */
  async user(user: AppUser, options: SyncUserOptions = {}, call?: CallOptions): Promise<UpsertContactResult> {
    return this.upsertThenTag(this.prepareUser(user, parseUserOptions(options)), call);
  }

  /**
   * Syncs many app users: an array, an iterable or an async iterable (read as it goes, never
   * collected). Each user is one upsert (+ tags), paced under GHL's rate-limit window, so a retry
   * or a resumed run never duplicates. Bad rows and rows GHL refuses are collected in
   * `report.failed` by row; only a fatal error (see `GHLSyncInterruptedError`) or an abort throws.
   */
  async users(users: SyncSource<AppUser>, options: SyncUsersOptions = {}): Promise<BulkSyncReport<AppUser>> {
    const { bulk, rowOptions } = splitBulkOptions(options);
    const resolved = parseUserOptions(rowOptions);
    return runBulkSync(
      requireSource(users, 'users'),
      bulk,
      { prepare: (user) => this.prepareUser(user, resolved), send: (prepared, call) => this.upsertThenTag(prepared, call) },
      { settings: { kind: 'users', ...resolved }, rateLimited: this.rateLimited },
    );
  }

  /** Upserts a newsletter subscriber and tags them (default tag `newsletter`). */
  newsletter(subscriber: NewsletterSubscriber, options?: SyncNewsletterOptions, call?: CallOptions): Promise<UpsertContactResult>;
  /** The bulk form: many subscribers, exactly as `users` syncs many users. */
  newsletter(subscribers: SyncSource<NewsletterSubscriber>, options?: SyncNewslettersOptions): Promise<BulkSyncReport<NewsletterSubscriber>>;
  async newsletter(
    subscribers: NewsletterSubscriber | SyncSource<NewsletterSubscriber>,
    options: SyncNewsletterOptions | SyncNewslettersOptions = {},
    call?: CallOptions,
  ): Promise<UpsertContactResult | BulkSyncReport<NewsletterSubscriber>> {
    if (!isSource(subscribers)) return this.upsertThenTag(this.prepareSubscriber(subscribers, parseNewsletterOptions(options)), call);
    const { bulk, rowOptions } = splitBulkOptions(options as SyncNewslettersOptions);
    const resolved = parseNewsletterOptions(rowOptions);
    return runBulkSync(
      subscribers,
      bulk,
      { prepare: (subscriber) => this.prepareSubscriber(subscriber, resolved), send: (prepared, callOptions) => this.upsertThenTag(prepared, callOptions) },
      { settings: { kind: 'newsletter', ...resolved }, rateLimited: this.rateLimited },
    );
  }

  private prepareUser(user: AppUser, options: ResolvedUserOptions): PreparedSync {
    const valid = parseInput(appUserSchema, user, 'user') as AppUser;
    const input: UpsertContactInput = dropUndefined({
      email: valid.email,
      ...splitName(valid),
      phone: valid.phone,
      source: options.source,
    });
    if (options.syncType === 'full_account') {
      Object.assign(input, dropUndefined({ companyName: valid.companyName, timezone: valid.timezone, country: valid.country, customFields: toCustomFields(valid.customFields) }));
    }
    return { input, tags: [...options.tags, ...(valid.tags ?? [])] };
  }

  private prepareSubscriber(subscriber: NewsletterSubscriber, options: ResolvedNewsletterOptions): PreparedSync {
    const valid = parseInput(subscriberSchema, subscriber, 'subscriber') as NewsletterSubscriber;
    const input: UpsertContactInput = dropUndefined({
      email: valid.email,
      ...splitName(valid),
      phone: valid.phone,
      source: options.source,
    });
    return { input, tags: [options.tag, ...(valid.tags ?? [])] };
  }

  private async upsertThenTag({ input, tags }: PreparedSync, call: CallOptions | undefined): Promise<UpsertContactResult> {
    const { contact, created } = await this.contacts.upsert(input, call);
    const unique = [...new Set(tags)];
    if (unique.length === 0) return { contact, created };
    const merged = await this.contacts.addTags(contact.id, unique, call);
    return { contact: { ...contact, tags: merged }, created };
  }
}
