// The SDK's errors: the hierarchy and its brand (errors/base.ts), the one class per HTTP status
// (errors/api.ts) and credential masking (errors/secrets.ts). Import from here.
export * from './errors/base.js';
export * from './errors/api.js';
export * from './errors/secrets.js';
