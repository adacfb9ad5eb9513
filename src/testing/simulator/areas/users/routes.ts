import { routeBuilder, type ApiContext } from '../../api-route.js';
import { forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { json } from '../../wire.js';
import type { SimulatedUser, UserStore } from './store.js';

/** spec/apps/users.json declares this Version on every operation. */
const route = routeBuilder('2021-07-28');

/** The query parameters `GET /users/search` declares (spec/apps/users.json). */
const SEARCH_PARAMS = new Set(['companyId', 'query', 'skip', 'limit', 'locationId', 'type', 'role', 'ids', 'sort', 'sortDirection', 'enabled2waySync']);
// What the simulator sorts by; the spec names no list (GHL's answer to another field is undocumented).
const SORTABLE = new Set(['dateAdded', 'firstName', 'lastName', 'name', 'email']);

/** The read side of spec/apps/users.json: search (limit + skip), by location, by id. */
export function userRoutes(store: UserStore) {
  return [
    // Search: `companyId` required, `skip`/`limit` as integer strings (default 0/25); 200 `{users, count}`.
    route('GET /users/search', (context) => {
      const parsed = parseSearch(context);
      if ('messages' in parsed) return unprocessable(parsed.messages);
      if (parsed.companyId !== context.grant.companyId) return forbiddenLocation();
      if (parsed.locationId !== undefined && parsed.locationId !== context.grant.locationId) return forbiddenLocation();
      const matches = store.list().filter((user) => !user.deleted && user.companyId === parsed.companyId && parsed.filter(user)).sort(parsed.order);
      return json(200, { users: matches.slice(parsed.skip, parsed.skip + parsed.limit), count: matches.length });
    }),

    // "Get User by Location": query `locationId` (required); 200 `{users}`, not paged.
    route('GET /users/', (context) => {
      const locationId = context.query.get('locationId');
      if (!locationId) return unprocessable(['locationId should not be empty']);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      return json(200, { users: store.list().filter((user) => !user.deleted && user.roles.locationIds.includes(locationId)) });
    }),

    // The user itself, unwrapped; unknown ids (and other agencies' users) are a 404.
    route('GET /users/:userId', (context) => {
      const user = store.get(context.params['userId'] ?? '');
      return user && user.companyId === context.grant.companyId ? json(200, user) : notFound('User not found');
    }),
  ];
}

type Search = { companyId: string; locationId: string | undefined; skip: number; limit: number; filter: (user: SimulatedUser) => boolean; order: (a: SimulatedUser, b: SimulatedUser) => number };

function parseSearch(context: ApiContext): Search | { messages: string[] } {
  const { query } = context;
  const messages = [...query.keys()].filter((key) => !SEARCH_PARAMS.has(key)).map((key) => `property ${key} should not exist`);
  const companyId = query.get('companyId');
  if (!companyId) messages.push('companyId should not be empty');
  const skip = integer(query.get('skip') ?? '0');
  const limit = integer(query.get('limit') ?? '25');
  if (skip === undefined || skip < 0) messages.push('skip must be a non-negative integer string');
  if (limit === undefined || limit < 1) messages.push('limit must be a positive integer string');
  // "Default is based on the first and last name" (the spec's `sort` description).
  const sort = query.get('sort') ?? 'name';
  const direction = query.get('sortDirection') ?? 'asc';
  if (!SORTABLE.has(sort)) messages.push(`sort must be one of the following values: ${[...SORTABLE].join(', ')}`);
  if (direction !== 'asc' && direction !== 'desc') messages.push('sortDirection must be one of the following values: asc, desc');
  if (messages.length > 0) return { messages };
  const text = query.get('query')?.toLowerCase();
  const locationId = query.get('locationId') ?? undefined;
  const type = query.get('type');
  const role = query.get('role');
  const ids = query.get('ids')?.split(',');
  const key = sort as keyof SimulatedUser;
  return {
    companyId: companyId as string,
    locationId,
    skip: skip as number,
    limit: limit as number,
    filter: (user) =>
      (text === undefined || [user.name, user.email, user.phone ?? ''].some((value) => value.toLowerCase().includes(text))) &&
      (locationId === undefined || user.roles.locationIds.includes(locationId)) &&
      (type === null || user.roles.type === type) &&
      (role === null || user.roles.role === role) &&
      (ids === undefined || ids.includes(user.id)),
    // Stable: ties keep insertion order, so skip-paging never repeats or skips a user.
    order: (a, b) => String(a[key]).localeCompare(String(b[key])) * (direction === 'desc' ? -1 : 1),
  };
}

function integer(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
