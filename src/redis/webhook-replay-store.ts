import { credentialFreeCopy, GHLConfigError, GHLError } from '../errors.js';
import type { WebhookReplayStore } from '../webhooks/replay-store.js';
import type { RedisLike } from './redis-like.js';

export interface RedisWebhookReplayStoreOptions {
  /** A connected ioredis client (or anything with `set` and `del`); you own its lifecycle. */
  client: Pick<RedisLike, 'set' | 'del'>;
  /** Prefix of every key: an accepted `webhookId` lives at `prefix + webhookId`. @default 'ghl:webhooks:' */
  prefix?: string | undefined;
}

const DEFAULT_PREFIX = 'ghl:webhooks:';

/**
 * Accepted `webhookId`s in Redis, so a fleet refuses a duplicate whichever instance it reaches. One
 * `SET key 1 PX ttl NX` per webhook: atomic, so of two instances receiving the same id at once,
 * exactly one processes it; the key expires when the id's timestamp stops being fresh.
 *
 * ```ts
 * import { Redis } from 'ioredis';
 * import { RedisWebhookReplayStore } from 'ghl-sdk/redis';
 * const replayStore = new RedisWebhookReplayStore({ client: new Redis(process.env.REDIS_URL!) });
 * const webhooks = createWebhookHandler({ replayStore, onEvent });
 * ```
 */
export class RedisWebhookReplayStore implements WebhookReplayStore {
  readonly prefix: string;
  private readonly client: Pick<RedisLike, 'set' | 'del'>;

  constructor(options: RedisWebhookReplayStoreOptions) {
    const client = options?.client;
    if (!client || typeof client.set !== 'function' || typeof client.del !== 'function') {
      throw new GHLConfigError('RedisWebhookReplayStore needs { client }: an ioredis client (or anything with set and del)');
    }
    this.client = client;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
  }

  async claim(webhookId: string, ttlMs: number): Promise<boolean> {
    const key = this.prefix + webhookId;
    try {
      return (await this.client.set(key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
    } catch (error) {
      throw failure(`SET ${key} NX`, error);
    }
  }

  async release(webhookId: string): Promise<void> {
    const key = this.prefix + webhookId;
    try {
      await this.client.del(key);
    } catch (error) {
      throw failure(`DEL ${key}`, error);
    }
  }
}

function failure(command: string, error: unknown): GHLError {
  return new GHLError(`Redis webhook replay store: ${command} failed (${error instanceof Error ? error.message : String(error)})`, { cause: credentialFreeCopy(error, 0) });
}
