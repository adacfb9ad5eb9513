export { Users } from './users.js';
export type * from './types.js';
