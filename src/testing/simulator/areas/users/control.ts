import type { ResolvedOptions } from '../../options.js';
import type { SimulatedUser, UserSeed, UserStore } from './store.js';

/** Test helpers for the simulator's users (`sim.users`); everything returned is a copy. */
export interface GHLSimulatorUsers {
  list(): SimulatedUser[];
  get(id: string): SimulatedUser | undefined;
  clear(): void;
  /**
   * Stores a user of the simulator's agency (`companyId`), member of the simulator's location unless
   * `locationIds` says otherwise; `type` defaults to `account`, `role` to `user`.
   */
  seed(user?: UserSeed): SimulatedUser;
}

export function usersControl(store: UserStore, options: ResolvedOptions): GHLSimulatorUsers {
  return {
    list: () => structuredClone(store.list()),
    get: (id) => structuredClone(store.get(id)),
    clear: () => store.clear(),
    seed: (user = {}) => structuredClone(store.create({ ...user, companyId: user.companyId ?? options.companyId, locationIds: user.locationIds ?? [options.locationId] }, options.now())),
  };
}
