// The check on the location id passed to `location(id)` of either client.
import { GHLValidationError } from './errors.js';

export function requireLocationIdArgument(locationId: string): void {
  if (typeof locationId !== 'string' || locationId.trim() === '') {
    throw new GHLValidationError('locationId: a non-empty location id is required', [{ path: 'locationId', message: 'required' }]);
  }
}
