import { GHLClient } from './client.js';
import type { CallOptions } from './http/transport.js';
import type { Contact, CreateContactInput, CustomFieldInput, UpsertContactResult } from './resources/contacts/types.js';
import type { AppUser, SyncUserOptions } from './resources/sync.js';

/**
 * Drop-in versions of the original integration's functions (`create_ghl_contact`,
 * `sync_to_company_ghl`, `GHLContactData`), so code migrating from it keeps its shape. Each runs on
 * a default client built from the environment on first use (`GHLClient.fromEnv()`).
 */

/** The original `GHLContactData` (snake_case, as the Python model had it). */
export interface GHLContactData {
  email?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  company_name?: string | undefined;
  source?: string | undefined;
  tags?: string[] | undefined;
  /** `{ key: value }` by custom-field key, or GHL's `[{ id | key, field_value }]`. */
  custom_fields?: Record<string, string | number | boolean | string[]> | CustomFieldInput[] | undefined;
}

/** The user object `syncToCompanyGHL` accepts: the SDK's `AppUser`, or the original snake_case shape. */
export type CompatUser =
  | AppUser
  | {
      id?: string | undefined;
      user_id?: string | undefined;
      email: string;
      first_name?: string | undefined;
      last_name?: string | undefined;
      full_name?: string | undefined;
      phone?: string | undefined;
      company_name?: string | undefined;
      tags?: string[] | undefined;
    };

let defaultClient: GHLClient | undefined;

/** The client the compatibility functions use; built from `process.env` on first call. */
export function getDefaultClient(): GHLClient {
  defaultClient ??= GHLClient.fromEnv();
  return defaultClient;
}

/** Replaces (or with `undefined`, resets) the default client, e.g. to point it at the simulator. */
export function setDefaultClient(client: GHLClient | undefined): void {
  defaultClient = client;
}

function toCustomFields(fields: GHLContactData['custom_fields']): CustomFieldInput[] | undefined {
  if (fields === undefined || Array.isArray(fields)) return fields;
  return Object.entries(fields).map(([key, value]) => ({ key, field_value: value }));
}

/** The original `create_ghl_contact(contact_data)`: creates a contact; token refreshed as needed. */
export async function createGHLContact(data: GHLContactData, call?: CallOptions): Promise<Contact> {
  const input: CreateContactInput = {};
  if (data.email !== undefined) input.email = data.email;
  if (data.first_name !== undefined) input.firstName = data.first_name;
  if (data.last_name !== undefined) input.lastName = data.last_name;
  if (data.name !== undefined) input.name = data.name;
  if (data.phone !== undefined) input.phone = data.phone;
  if (data.company_name !== undefined) input.companyName = data.company_name;
  if (data.source !== undefined) input.source = data.source;
  if (data.tags !== undefined) input.tags = data.tags;
  const customFields = toCustomFields(data.custom_fields);
  if (customFields !== undefined) input.customFields = customFields;
  return getDefaultClient().contacts.create(input, call);
}

function toAppUser(user: CompatUser): AppUser {
  if (!user || typeof user !== 'object' || !('first_name' in user || 'last_name' in user || 'full_name' in user || 'user_id' in user || 'company_name' in user)) {
    return user as AppUser;
  }
  const legacy = user as Extract<CompatUser, { full_name?: unknown }>;
  const appUser: AppUser = { email: legacy.email };
  const id = legacy.id ?? legacy.user_id;
  if (id !== undefined) appUser.id = id;
  if (legacy.first_name !== undefined) appUser.firstName = legacy.first_name;
  if (legacy.last_name !== undefined) appUser.lastName = legacy.last_name;
  if (legacy.full_name !== undefined) appUser.name = legacy.full_name;
  if (legacy.phone !== undefined) appUser.phone = legacy.phone;
  if (legacy.company_name !== undefined) appUser.companyName = legacy.company_name;
  if (legacy.tags !== undefined) appUser.tags = legacy.tags;
  return appUser;
}

/** The original `sync_to_company_ghl(user)`: an idempotent upsert of an app user. */
export async function syncToCompanyGHL(user: CompatUser, options: SyncUserOptions = {}, call?: CallOptions): Promise<UpsertContactResult> {
  return getDefaultClient().sync.user(toAppUser(user), options, call);
}
