export { Workflows } from './workflows.js';
export type * from './types.js';
