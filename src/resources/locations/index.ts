export { Locations } from './locations.js';
export { LocationCustomFields } from './custom-fields.js';
export { LocationCustomValues } from './custom-values.js';
export { LocationTags } from './tags.js';
export type * from './types.js';
