import { ghlId } from '../../ids.js';
import type { ResolvedOptions } from '../../options.js';
import type { TokenRegistry } from '../../tokens.js';
import { installEvent } from '../../webhook-events.js';
import type { WebhookEmitter } from '../../webhook-sender.js';
import type { AgencyStore, SimulatedAgencyLocation } from './store.js';

export interface AgencyLocationSeed {
  /** @default a random GHL-style id */
  id?: string | undefined;
  /** @default `Location <n>` */
  name?: string | undefined;
  address?: string | undefined;
  email?: string | undefined;
  /** Whether the app is installed there. @default true */
  installed?: boolean | undefined;
}

export interface BulkInstallOptions {
  /** The locations the agency approves (added when unknown). @default every location of the agency */
  locationIds?: readonly string[] | undefined;
  /** New locations get the app too. @default false */
  installToFutureLocations?: boolean | undefined;
  /** When set, a code exchange that sends a different `redirect_uri` gets `invalid_grant`. */
  redirectUri?: string | undefined;
}

/** Test helpers for the simulated agency (`sim.agency`): its locations and the app's installs there. Everything returned is a copy. */
export interface GHLSimulatorAgency {
  /** Adds locations to the agency (`n` of them, or these), the app installed there unless `installed: false`. */
  addLocations(locations: number | readonly AgencyLocationSeed[]): SimulatedAgencyLocation[];
  list(): SimulatedAgencyLocation[];
  get(id: string): SimulatedAgencyLocation | undefined;
  /** The app is installed in (true) or removed from (false) a location. Removing revokes the location's tokens. */
  setInstalled(locationId: string, installed: boolean): void;
  /**
   * An agency approves the app for many locations at once (a bulk install): they are marked installed,
   * INSTALL goes to the subscribed webhook URLs for the agency, and the returned authorization code's
   * exchange (a Company grant) reports `approvedLocations` and `isBulkInstallation: true`.
   */
  bulkInstall(options?: BulkInstallOptions): string;
  clear(): void;
}

export function agencyControl(store: AgencyStore, deps: { options: ResolvedOptions; registry: TokenRegistry; webhooks: WebhookEmitter }): GHLSimulatorAgency {
  const { options, registry, webhooks } = deps;
  const appId = options.clientId.split('-')[0] || options.clientId;
  const add = (seed: AgencyLocationSeed, index: number): SimulatedAgencyLocation => {
    const installed = seed.installed ?? true;
    const now = options.now();
    return store.add({
      id: seed.id ?? ghlId(),
      name: seed.name ?? `Location ${index + 1}`,
      address: seed.address ?? `${index + 1} Main St`,
      email: seed.email,
      companyId: options.companyId,
      isInstalled: installed,
      installedAt: installed ? new Date(now).toISOString() : undefined,
    });
  };
  return {
    addLocations: (locations) => {
      const offset = store.list().length;
      const seeds = typeof locations === 'number' ? Array.from({ length: locations }, () => ({})) : locations;
      return structuredClone(seeds.map((seed, i) => add(seed, offset + i)));
    },
    list: () => structuredClone(store.list()),
    get: (id) => structuredClone(store.get(id)),
    setInstalled: (locationId, installed) => {
      store.setInstalled(locationId, installed, options.now());
      if (!installed) registry.revokeInstall(locationId);
    },
    bulkInstall: ({ locationIds, installToFutureLocations = false, redirectUri } = {}) => {
      const ids = locationIds ?? store.list().map((location) => location.id);
      for (const [i, id] of ids.entries()) {
        if (!store.get(id)) add({ id }, store.list().length + i);
        store.setInstalled(id, true, options.now());
      }
      store.installToFutureLocations = installToFutureLocations;
      // GHL sends INSTALL when the user approves, racing the redirect that carries the code (docs/ghl-api.md §12).
      webhooks.emit(installEvent({ appId, companyId: options.companyId }));
      const install = { approvedLocations: [...ids], isBulkInstallation: true, installToFutureLocations, approveAllLocations: locationIds === undefined };
      return registry.issueCode({ userType: 'Company', locationId: options.locationId, install }, redirectUri);
    },
    clear: () => store.clear(),
  };
}
