/** One location (sub-account) of the simulated agency, with the app's install state there. */
export interface SimulatedAgencyLocation {
  id: string;
  name: string;
  address: string;
  email?: string | undefined;
  companyId: string;
  /** Whether the app is installed in this location (`GET /oauth/installedLocations` `isInstalled`). */
  isInstalled: boolean;
  /** ISO date-time of the install, when installed. */
  installedAt?: string | undefined;
}

/** The agency's locations, in the order they were added. */
export class AgencyStore {
  readonly #locations = new Map<string, SimulatedAgencyLocation>();
  /** "Install to future locations": set by a bulk install that asked for it. */
  installToFutureLocations = false;

  add(location: SimulatedAgencyLocation): SimulatedAgencyLocation {
    this.#locations.set(location.id, location);
    return location;
  }

  get(id: string): SimulatedAgencyLocation | undefined {
    return this.#locations.get(id);
  }

  list(): SimulatedAgencyLocation[] {
    return [...this.#locations.values()];
  }

  setInstalled(id: string, installed: boolean, at: number): void {
    const location = this.#locations.get(id);
    if (!location) return;
    location.isInstalled = installed;
    location.installedAt = installed ? new Date(at).toISOString() : undefined;
  }

  clear(): void {
    this.#locations.clear();
    this.installToFutureLocations = false;
  }
}
