export { Contacts } from './contacts.js';
export type * from './types.js';
