import { offsetPaging, paginate } from '../../http/paginate.js';
import { path } from '../../http/path.js';
import type { CallOptions } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { listUsersSchema, locationCompanySchema, searchUsersResponseSchema, searchUsersSchema, userSchema } from './schemas.js';
import type { ListUsersParams, SearchUsersParams, SearchUsersResult, User } from './types.js';

/** `list`'s page size when the caller names none (GHL's `limit` default is 25). */
const DEFAULT_LIST_LIMIT = 100;

/**
 * GHL users (`/users/*`, Version 2021-07-28, scope `users.readonly`). A token without that scope gets
 * a `GHLScopeError` naming it.
 */
export class Users extends APIResource {
  protected readonly version = '2021-07-28';
  /** The client's location's agency, read once (concurrent first searches share the read): `GET /users/search` requires `companyId`. */
  #companyId: Promise<string> | undefined;

  /** `GET /users/search`, one page (`skip` + `limit`). `list` pages for you. */
  async search(params: SearchUsersParams = {}, call?: CallOptions): Promise<SearchUsersResult> {
    const valid = this.validate(searchUsersSchema, params, 'user search parameters');
    const companyId = valid.companyId ?? (await this.companyId(call));
    const query = { ...valid, companyId, locationId: valid.locationId ?? this.locationId, ids: valid.ids?.join(',') };
    const answer = await this.request({ method: 'GET', path: '/users/search', query, response: searchUsersResponseSchema, what: 'user search', scope: 'users.readonly' }, call);
    const users = answer.users as User[];
    return { users, total: answer.count ?? users.length };
  }

  /**
   * Every user matching `params`, one page at a time (`skip` advances by the users received; stops on
   * a short page or at GHL's count). Streams: pages are fetched as the loop consumes them.
   *
   * ```ts
   * for await (const user of ghl.users.list({ role: 'admin' })) console.log(user.email);
   * ```
   */
  list(params: ListUsersParams = {}, call?: CallOptions): AsyncIterable<User> {
    const limit = this.validate(listUsersSchema, params, 'user list parameters').limit ?? DEFAULT_LIST_LIMIT;
    return paginate(offsetPaging(limit), async (skip, pageCall) => {
      const page = await this.search({ ...params, limit, skip }, pageCall);
      return { items: page.users, total: page.total };
    }, call);
  }

  /** `GET /users/{userId}` (GHL answers the user itself, not wrapped). */
  async get(userId: string, call?: CallOptions): Promise<User> {
    const answer = await this.request({ method: 'GET', path: path`/users/${{ userId }}`, response: userSchema, what: 'user get', scope: 'users.readonly' }, call);
    return answer as User;
  }

  private companyId(call?: CallOptions): Promise<string> {
    if (this.#companyId === undefined) {
      const read = this.request({ method: 'GET', path: path`/locations/${{ locationId: this.locationId }}`, response: locationCompanySchema, what: "the location's companyId", scope: 'locations.readonly' }, call);
      this.#companyId = read.then((answer) => answer.location.companyId);
      // A failed read (or the first caller's abort) is not remembered: the next search tries again.
      this.#companyId.catch(() => {
        this.#companyId = undefined;
      });
    }
    return this.#companyId;
  }
}
