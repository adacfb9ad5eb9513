import { ghlId } from '../../ids.js';

/** A DND setting per channel (`DndSettingSchema`). */
export interface SimulatedDndSetting {
  status: string;
  message?: string;
  code?: string;
}

/**
 * A contact as the simulator stores and returns it: the read shape of ghl-api.md §3.8
 * (`GetContectByIdSchema`). Custom fields are output-shaped `{ id, value }`; input is `{ id | key, field_value }`.
 */
export interface SimulatedContact {
  /** 20 random alphanumerics, like GHL's ids. */
  id: string;
  locationId: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  email?: string;
  emailLowerCase?: string;
  phone?: string;
  companyName?: string;
  gender?: string;
  address1?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  website?: string;
  timezone?: string;
  source?: string;
  assignedTo?: string;
  dateOfBirth?: string;
  dnd?: boolean;
  dndSettings?: Record<string, SimulatedDndSetting>;
  inboundDndSettings?: Record<string, SimulatedDndSetting>;
  tags: string[];
  customFields: Array<{ id: string; value: unknown }>;
  type: string;
  firstNameLowerCase?: string;
  lastNameLowerCase?: string;
  fullNameLowerCase?: string;
  /** ISO timestamps by the simulator's clock. */
  dateAdded: string;
  dateUpdated: string;
}

/** Fields a write may not set directly: they are computed. */
const COMPUTED = new Set(['id', 'locationId', 'emailLowerCase', 'firstNameLowerCase', 'lastNameLowerCase', 'fullNameLowerCase', 'dateAdded', 'dateUpdated', 'createNewIfDuplicateAllowed']);

export interface DuplicateMatch {
  contact: SimulatedContact;
  matchingField: 'email' | 'phone';
}

/**
 * Contacts in every location, in insertion order. Writes take already-validated bodies; the HTTP
 * rules (whitelists, duplicates, location access) live in contacts.ts.
 */
export class ContactStore {
  private readonly contacts = new Map<string, SimulatedContact>();
  /** Creation order of each contact: a lookup returns the oldest match, as a scan in insertion order would. */
  private readonly createdAt = new Map<string, number>();
  private created = 0;
  /**
   * `${locationId}\0${field}\0${normalised value}` → ids of the contacts holding it: upserts look
   * contacts up by email or phone, and a scan per request made a 100,000-contact run quadratic.
   */
  private readonly byIdentity = new Map<string, Set<string>>();
  /** `${locationId}\0${key}` → custom field id: a key always resolves to the same id within a location. */
  private readonly customFieldIds = new Map<string, string>();

  get(id: string): SimulatedContact | undefined {
    return this.contacts.get(id);
  }

  /** Contacts of `locationId`, or of every location when omitted. */
  list(locationId?: string): SimulatedContact[] {
    const all = [...this.contacts.values()];
    return locationId === undefined ? all : all.filter((contact) => contact.locationId === locationId);
  }

  /** `fixed` lets tests seed known ids and creation dates. */
  create(locationId: string, input: Record<string, unknown>, now: number, fixed: { id?: string | undefined; dateAdded?: string | undefined } = {}): SimulatedContact {
    const at = new Date(now).toISOString();
    const contact: SimulatedContact = { id: fixed.id ?? ghlId(), locationId, tags: [], customFields: [], type: 'lead', dateAdded: fixed.dateAdded ?? at, dateUpdated: at };
    this.contacts.set(contact.id, contact);
    this.createdAt.set(contact.id, this.created++);
    this.apply(contact, input, now);
    return contact;
  }

  /**
   * Writes `input` over `contact`: `null` clears a field, `tags` replace the whole list (as GHL's
   * upsert/update do, ghl-api.md §3.2), custom fields merge by id.
   */
  apply(contact: SimulatedContact, input: Record<string, unknown>, now: number): SimulatedContact {
    const record = contact as unknown as Record<string, unknown>;
    this.unindex(contact);
    for (const [key, value] of Object.entries(input)) {
      if (COMPUTED.has(key) || value === undefined) continue;
      if (key === 'tags') contact.tags = dedupe(value as string[]);
      else if (key === 'customFields') this.mergeCustomFields(contact, value as Array<Record<string, unknown>>);
      else if (value === null) delete record[key];
      else record[key] = value;
    }
    setLowerCase(contact, 'emailLowerCase', contact.email);
    setLowerCase(contact, 'firstNameLowerCase', contact.firstName);
    setLowerCase(contact, 'lastNameLowerCase', contact.lastName);
    setLowerCase(contact, 'fullNameLowerCase', contact.name ?? ([contact.firstName, contact.lastName].filter(Boolean).join(' ') || undefined));
    contact.dateUpdated = new Date(now).toISOString();
    this.index(contact);
    return contact;
  }

  addTags(contact: SimulatedContact, tags: string[], now: number): string[] {
    contact.tags = dedupe([...contact.tags, ...tags]);
    contact.dateUpdated = new Date(now).toISOString();
    return contact.tags;
  }

  removeTags(contact: SimulatedContact, tags: string[], now: number): string[] {
    const removed = new Set(tags);
    contact.tags = contact.tags.filter((tag) => !removed.has(tag));
    contact.dateUpdated = new Date(now).toISOString();
    return contact.tags;
  }

  delete(id: string): void {
    const contact = this.contacts.get(id);
    if (contact) this.unindex(contact);
    this.contacts.delete(id);
    this.createdAt.delete(id);
  }

  clear(): void {
    this.contacts.clear();
    this.createdAt.clear();
    this.byIdentity.clear();
    this.customFieldIds.clear();
  }

  /**
   * The contact in `locationId` that already has this email (case-insensitive) or phone (same digits),
   * email first — GHL's default duplicate priority (ghl-api.md §3.7). `excludeId` skips the contact being updated.
   */
  findDuplicate(locationId: string, email: unknown, phone: unknown, excludeId?: string): DuplicateMatch | undefined {
    const byEmail = this.findBy(locationId, 'email', email, excludeId);
    if (byEmail) return { contact: byEmail, matchingField: 'email' };
    const byPhone = this.findBy(locationId, 'phone', phone, excludeId);
    return byPhone ? { contact: byPhone, matchingField: 'phone' } : undefined;
  }

  /** The contact in `locationId` whose email (case-insensitive) or phone (digits only) equals `value`; the oldest when several do. */
  findBy(locationId: string, field: 'email' | 'phone', value: unknown, excludeId?: string): SimulatedContact | undefined {
    if (typeof value !== 'string') return undefined;
    const wanted = normalise(field, value);
    if (wanted === '') return undefined;
    let oldest: string | undefined;
    for (const id of this.byIdentity.get(identityKey(locationId, field, wanted)) ?? []) {
      if (id !== excludeId && (oldest === undefined || (this.createdAt.get(id) as number) < (this.createdAt.get(oldest) as number))) oldest = id;
    }
    return oldest === undefined ? undefined : this.contacts.get(oldest);
  }

  private index(contact: SimulatedContact): void {
    for (const key of identityKeys(contact)) {
      let ids = this.byIdentity.get(key);
      if (!ids) this.byIdentity.set(key, (ids = new Set()));
      ids.add(contact.id);
    }
  }

  private unindex(contact: SimulatedContact): void {
    for (const key of identityKeys(contact)) {
      const ids = this.byIdentity.get(key);
      ids?.delete(contact.id);
      if (ids?.size === 0) this.byIdentity.delete(key);
    }
  }

  private mergeCustomFields(contact: SimulatedContact, items: Array<Record<string, unknown>>): void {
    for (const item of items) {
      const id = typeof item['id'] === 'string' && item['id'] !== '' ? item['id'] : this.customFieldId(contact.locationId, String(item['key']));
      const value = item['field_value'];
      const existing = contact.customFields.find((field) => field.id === id);
      if (existing) existing.value = value;
      else contact.customFields.push({ id, value });
    }
  }

  private customFieldId(locationId: string, key: string): string {
    const mapKey = `${locationId}\0${key}`;
    let id = this.customFieldIds.get(mapKey);
    if (id === undefined) {
      id = ghlId();
      this.customFieldIds.set(mapKey, id);
    }
    return id;
  }
}

/** The display name GHL puts in a duplicate's `meta.contactName`. */
export function contactName(contact: SimulatedContact): string {
  return contact.name ?? [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

function identityKey(locationId: string, field: 'email' | 'phone', normalised: string): string {
  return `${locationId}\0${field}\0${normalised}`;
}

/** The lookup keys a contact's email and phone give it. */
function identityKeys(contact: SimulatedContact): string[] {
  const keys: string[] = [];
  for (const field of ['email', 'phone'] as const) {
    const value = contact[field];
    const normalised = typeof value === 'string' ? normalise(field, value) : '';
    if (normalised !== '') keys.push(identityKey(contact.locationId, field, normalised));
  }
  return keys;
}

function normalise(field: 'email' | 'phone', value: string): string {
  return field === 'email' ? value.trim().toLowerCase() : value.replace(/\D/g, '');
}

function setLowerCase(contact: SimulatedContact, key: 'emailLowerCase' | 'firstNameLowerCase' | 'lastNameLowerCase' | 'fullNameLowerCase', source: string | undefined): void {
  if (source === undefined) delete contact[key];
  else contact[key] = source.toLowerCase();
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}
