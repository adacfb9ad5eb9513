/*
 * Public user types, written out (not inferred from zod). They mirror spec/apps/users.json
 * (UserSchema, SearchUserSuccessfulResponseDto and the `GET /users/search` query).
 */

/** A user's role (spec `RoleSchema`). */
export interface UserRoles {
  /** `account` (a sub-account user) or `agency`. */
  type?: string | undefined;
  /** `admin` or `user`. */
  role?: string | undefined;
  locationIds?: string[] | undefined;
  restrictSubAccount?: boolean | undefined;
}

/** A user as GHL returns it. Only `id` is guaranteed; the spec marks every field optional. */
export interface User {
  id: string;
  name?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  extension?: string | undefined;
  /** Feature flags (`contactsEnabled`, `opportunitiesEnabled`, …). */
  permissions?: Record<string, boolean | undefined> | undefined;
  roles?: UserRoles | undefined;
  deleted?: boolean | undefined;
  platformLanguage?: string | undefined;
}

/** What `list` takes: a search without paging (it pages by itself). */
export interface ListUsersParams {
  /** Free text: name, email, phone. */
  query?: string | undefined;
  /** The agency (company) the users belong to. Default: the client's location's `companyId` (read once with `GET /locations/{locationId}`). */
  companyId?: string | undefined;
  /** Only users of this location. Default: the client's location. */
  locationId?: string | undefined;
  /** `agency` or `account`. */
  type?: string | undefined;
  /** `admin` or `user`. */
  role?: string | undefined;
  /** Only these user ids. */
  ids?: string[] | undefined;
  /** A user field to sort by, e.g. `dateAdded`. */
  sort?: string | undefined;
  sortDirection?: 'asc' | 'desc' | undefined;
  /** Page size, at least 1 (`list` default 100; `search` default GHL's, 25). */
  limit?: number | undefined;
}

export interface SearchUsersParams extends ListUsersParams {
  /** Users to skip before this page. */
  skip?: number | undefined;
}

export interface SearchUsersResult {
  users: User[];
  /** Total matches, when GHL says. */
  total: number;
}
