/**
 * `ghl-sdk/redis`: a token store shared by many processes, with a distributed refresh lock, and a
 * rate-limit budget that lets a fleet share one GHL window per location.
 * ioredis is an optional peer dependency: this entry's types never mention it (`RedisLike` is
 * structural), and only `createRedisTokenStore` loads it.
 */
export { RedisTokenStore } from './token-store.js';
export type { RedisTokenStoreOptions } from './token-store.js';
export { createRedisTokenStore } from './connect.js';
export type { CreateRedisTokenStoreOptions, RedisTokenStoreConnection } from './connect.js';
export { GHLTokenStoreError } from './errors.js';
export type { TokenStoreOperation } from './errors.js';
export type { RedisLike } from './redis-like.js';
export { RedisWebhookReplayStore } from './webhook-replay-store.js';
export type { RedisWebhookReplayStoreOptions } from './webhook-replay-store.js';
export { RedisRateLimitBudget } from './rate-limit-budget.js';
export type { RedisRateLimitBudgetOptions, RateLimitRedisClient } from './rate-limit-budget.js';
