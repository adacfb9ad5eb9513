export { Contacts } from './contacts.js';
export { ContactNotes } from './notes.js';
export { ContactTasks } from './tasks.js';
export { ContactWorkflows } from './workflows.js';
export type * from './types.js';
export type * from './activity-types.js';
