/**
 * The few Redis commands the token store uses, described structurally so that `ghl-sdk/redis`'s
 * type declarations never import ioredis (an optional peer; docs/architecture.md "Toolchain traps" 5). An ioredis
 * `Redis` (v5 or v6) fits as is; so does `Cluster`, because every command and script here touches a
 * single key. Anything else that speaks these signatures (a wrapper, a test double) fits too.
 */
export interface RedisLike {
  /** `GET key`: the stored string, or null when the key does not exist. */
  get(key: string): Promise<string | null>;
  /** `SET key value PX ms NX`: `'OK'` when the key was created, null when it already existed. */
  set(key: string, value: string, millisecondsToken: 'PX', milliseconds: number, nx: 'NX'): Promise<unknown>;
  /** `DEL key`. */
  del(key: string): Promise<number>;
  /** `EVAL script numkeys key… arg…`: the lock scripts (compare-and-delete, compare-and-pexpire) and the token writes (see stored-value.ts). */
  eval(script: string, numKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}
