import { ghlId } from '../../ids.js';

/** A location as spec/apps/locations.json's `GetLocationByIdSchema` describes it (the fields a test reads). */
export interface SimulatedLocation {
  id: string;
  companyId: string;
  name: string;
  timezone: string;
  email?: string;
  phone?: string;
  address?: string;
  city?: string;
  state?: string;
  country?: string;
  postalCode?: string;
  website?: string;
}

/** `CustomFieldSchema`. */
export interface SimulatedCustomField {
  id: string;
  locationId: string;
  name: string;
  /** `contact.<snake_name>` or `opportunity.<snake_name>`. */
  fieldKey: string;
  dataType: string;
  model: 'contact' | 'opportunity';
  placeholder?: string;
  position: number;
  picklistOptions?: string[];
}

/** `CustomValueSchema`. */
export interface SimulatedCustomValue {
  id: string;
  locationId: string;
  name: string;
  /** `{{ custom_values.<snake_name> }}`. */
  fieldKey: string;
  value: string;
}

/** `LocationTagsSchema`. */
export interface SimulatedTag {
  id: string;
  locationId: string;
  name: string;
}

/** Records that belong to one location, by id, in insertion order. */
export class LocationRecords<T extends { id: string; locationId: string }> {
  private readonly records = new Map<string, T>();

  add(record: Omit<T, 'id'> & { id?: string | undefined }): T {
    const stored = { ...record, id: record.id ?? ghlId() } as T;
    this.records.set(stored.id, stored);
    return stored;
  }

  /** The record when it exists and belongs to `locationId`. */
  get(id: string, locationId?: string): T | undefined {
    const record = this.records.get(id);
    return record && (locationId === undefined || record.locationId === locationId) ? record : undefined;
  }

  list(locationId?: string): T[] {
    return [...this.records.values()].filter((record) => locationId === undefined || record.locationId === locationId);
  }

  delete(id: string): void {
    this.records.delete(id);
  }

  clear(): void {
    this.records.clear();
  }
}

/** Locations and what each defines: custom fields, custom values, tags. */
export class LocationStore {
  private readonly locations = new Map<string, SimulatedLocation>();
  readonly customFields = new LocationRecords<SimulatedCustomField>();
  readonly customValues = new LocationRecords<SimulatedCustomValue>();
  readonly tags = new LocationRecords<SimulatedTag>();

  constructor(private readonly defaults: { companyId: string }) {}

  /** The location; one any token was issued for exists on first use, with default details. */
  location(id: string): SimulatedLocation {
    let location = this.locations.get(id);
    if (!location) {
      location = { id, companyId: this.defaults.companyId, name: `Simulated location ${id}`, timezone: 'UTC' };
      this.locations.set(id, location);
    }
    return location;
  }

  /** Overwrites a location's details (keeping its id). */
  set(location: SimulatedLocation): SimulatedLocation {
    this.locations.set(location.id, location);
    return location;
  }

  clear(): void {
    this.locations.clear();
    this.customFields.clear();
    this.customValues.clear();
    this.tags.clear();
  }
}

/** `Lead Source` → `lead_source`: how GHL derives a key from a name. */
export function snakeKey(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
