export { Conversations } from './conversations.js';
export { Messages } from './messages.js';
export type * from './types.js';
