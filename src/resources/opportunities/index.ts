export { Opportunities } from './opportunities.js';
export { Pipelines } from './pipelines.js';
export type * from './types.js';
