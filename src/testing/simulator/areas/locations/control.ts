import type { ResolvedOptions } from '../../options.js';
import { snakeKey, type LocationStore, type SimulatedCustomField, type SimulatedCustomValue, type SimulatedLocation, type SimulatedTag } from './store.js';

/** Test helpers for locations and what they define (`sim.locations`); everything returned is a copy. */
export interface GHLSimulatorLocations {
  /** The location (default: the simulator's). */
  get(locationId?: string): SimulatedLocation;
  /** Sets a location's details (`id` defaults to the simulator's location, `companyId` to its agency). */
  seed(location?: Partial<SimulatedLocation>): SimulatedLocation;
  customFields: {
    list(locationId?: string): SimulatedCustomField[];
    /** A custom field (`model` defaults to `contact`, `dataType` to `TEXT`; `fieldKey` follows the name). */
    seed(field: { name: string; dataType?: string; model?: 'contact' | 'opportunity'; locationId?: string; id?: string; picklistOptions?: string[] }): SimulatedCustomField;
  };
  customValues: {
    list(locationId?: string): SimulatedCustomValue[];
    seed(value: { name: string; value: string; locationId?: string; id?: string }): SimulatedCustomValue;
  };
  tags: {
    list(locationId?: string): SimulatedTag[];
    seed(tag: { name: string; locationId?: string; id?: string }): SimulatedTag;
  };
  /** Forgets every location detail, custom field, custom value and tag. */
  clear(): void;
}

export function locationsControl(store: LocationStore, options: ResolvedOptions): GHLSimulatorLocations {
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    get: (locationId = options.locationId) => copy(store.location(locationId)),
    seed: (location = {}) => {
      const base = store.location(location.id ?? options.locationId);
      return copy(store.set({ ...base, ...location, id: base.id }));
    },
    customFields: {
      list: (locationId) => copy(store.customFields.list(locationId)),
      seed: ({ locationId = options.locationId, model = 'contact', dataType = 'TEXT', ...field }) =>
        copy(store.customFields.add({ ...field, locationId, model, dataType, position: 0, fieldKey: `${model}.${snakeKey(field.name)}` })),
    },
    customValues: {
      list: (locationId) => copy(store.customValues.list(locationId)),
      seed: ({ locationId = options.locationId, ...value }) => copy(store.customValues.add({ ...value, locationId, fieldKey: `{{ custom_values.${snakeKey(value.name)} }}` })),
    },
    tags: {
      list: (locationId) => copy(store.tags.list(locationId)),
      seed: ({ locationId = options.locationId, ...tag }) => copy(store.tags.add({ ...tag, locationId })),
    },
    clear: () => store.clear(),
  };
}
