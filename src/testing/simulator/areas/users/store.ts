import { ghlId } from '../../ids.js';

/** A user as spec/apps/users.json's `UserSchema` describes it (the fields a test reads). */
export interface SimulatedUser {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  extension?: string;
  /** The agency the user belongs to. */
  companyId: string;
  roles: { type: 'agency' | 'account'; role: 'admin' | 'user'; locationIds: string[] };
  permissions: Record<string, boolean>;
  deleted: boolean;
  dateAdded: string;
}

export type UserSeed = Partial<Omit<SimulatedUser, 'roles' | 'name'>> & { type?: 'agency' | 'account'; role?: 'admin' | 'user'; locationIds?: string[] };

/** The simulator's users, by id. */
export class UserStore {
  private readonly users = new Map<string, SimulatedUser>();

  create(seed: UserSeed & { companyId: string; locationIds: string[] }, now: number): SimulatedUser {
    const { id = ghlId(), type = 'account', role = 'user', locationIds, firstName = 'Sim', lastName = 'User', email, permissions = { contactsEnabled: true, opportunitiesEnabled: true }, deleted = false, dateAdded, ...rest } = seed;
    const user: SimulatedUser = {
      ...rest,
      id,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`.trim(),
      email: email ?? `${id.toLowerCase()}@users.sim`,
      roles: { type, role, locationIds },
      permissions,
      deleted,
      dateAdded: dateAdded ?? new Date(now).toISOString(),
    };
    this.users.set(id, user);
    return user;
  }

  get(id: string): SimulatedUser | undefined {
    return this.users.get(id);
  }

  /** Every user, oldest first. */
  list(): SimulatedUser[] {
    return [...this.users.values()];
  }

  clear(): void {
    this.users.clear();
  }
}
