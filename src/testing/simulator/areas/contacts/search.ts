import { isRecord } from '../../dto.js';
import type { SimulatedContact } from './store.js';

/**
 * `POST /contacts/search` semantics (ghl-api.md §3.4; the body is documented only by a white-label
 * mirror): `query` substring match, `filters` (`{field, operator, value}` or `{group, filters}`,
 * top level ANDed), `sort`, and two paging modes — `page` + `pageLimit` (at most 10,000 records deep)
 * or the `searchAfter` cursor every returned contact carries. Not both at once.
 */

type Cursor = Array<string | number | null>;

interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

export interface SearchParams {
  locationId: string;
  pageLimit: number;
  page: number;
  searchAfter: Cursor | undefined;
  query: string | undefined;
  filters: unknown[];
  sort: SortSpec[];
}

const SEARCH_FIELDS = new Set(['locationId', 'pageLimit', 'page', 'searchAfter', 'query', 'filters', 'sort']);
const OPERATORS = ['eq', 'not_eq', 'contains', 'not_contains', 'exists', 'not_exists', 'range'];
/** Newest first, like GHL's contact list. The id is always the final tie-break, so paging is stable. */
const DEFAULT_SORT: SortSpec[] = [{ field: 'dateAdded', direction: 'desc' }];
const DATE_FIELDS = new Set(['dateAdded', 'dateUpdated']);
const MAX_DEPTH = 10_000;

/** Validates a search body: the parsed params, or the 422 messages. */
export function parseSearchBody(body: Record<string, unknown>): SearchParams | string[] {
  const messages: string[] = [];
  for (const key of Object.keys(body)) if (!SEARCH_FIELDS.has(key)) messages.push(`property ${key} should not exist`);
  const { locationId, pageLimit, page = 1, searchAfter, query, filters = [], sort = DEFAULT_SORT } = body;
  if (typeof locationId !== 'string' || locationId === '') messages.push('locationId should not be empty');
  if (!isInt(pageLimit) || pageLimit < 1 || pageLimit > 500) messages.push('pageLimit must be an integer between 1 and 500');
  if (!isInt(page) || page < 1) messages.push('page must be a positive integer');
  if (searchAfter !== undefined && !Array.isArray(searchAfter)) messages.push('searchAfter must be an array');
  if (searchAfter !== undefined && body['page'] !== undefined) messages.push('page and searchAfter cannot be used together');
  if (isInt(page) && isInt(pageLimit) && searchAfter === undefined && page * pageLimit > MAX_DEPTH) {
    messages.push(`page * pageLimit must not exceed ${MAX_DEPTH}; use searchAfter to go deeper`);
  }
  if (query !== undefined && (typeof query !== 'string' || query.length > 75)) messages.push('query must be a string of at most 75 characters');
  if (!Array.isArray(filters)) messages.push('filters must be an array');
  else messages.push(...filters.flatMap((filter: unknown, i) => checkFilter(filter, `filters.${i}`)));
  if (!Array.isArray(sort) || !sort.every((s: unknown) => isRecord(s) && typeof s['field'] === 'string' && (s['direction'] === 'asc' || s['direction'] === 'desc'))) {
    messages.push("sort must be an array of { field, direction: 'asc' | 'desc' }");
  }
  if (messages.length > 0) return messages;
  return {
    locationId: locationId as string,
    pageLimit: pageLimit as number,
    page: page as number,
    searchAfter: searchAfter as Cursor | undefined,
    query: query as string | undefined,
    filters: filters as unknown[],
    sort: sort as SortSpec[],
  };
}

/** The page of matches (each with its `searchAfter` cursor) and the total number of matches. */
export function searchContacts(contacts: SimulatedContact[], params: SearchParams): { contacts: Array<SimulatedContact & { searchAfter: Cursor }>; total: number } {
  const matches = contacts.filter((contact) => matchesQuery(contact, params.query) && params.filters.every((filter) => matchesFilter(contact, filter)));
  const ordered = matches.map((contact) => ({ contact, cursor: cursorOf(contact, params.sort) })).sort((a, b) => compareCursors(a.cursor, b.cursor, params.sort));
  const after = params.searchAfter;
  const page =
    after === undefined
      ? ordered.slice((params.page - 1) * params.pageLimit, params.page * params.pageLimit)
      : ordered.filter((entry) => compareCursors(entry.cursor, after, params.sort) > 0).slice(0, params.pageLimit);
  return { contacts: page.map((entry) => ({ ...entry.contact, searchAfter: entry.cursor })), total: matches.length };
}

/** `query`: case-insensitive substring of the name, email, phone or company. */
export function matchesQuery(contact: SimulatedContact, query: string | undefined): boolean {
  if (!query) return true;
  const needle = query.toLowerCase();
  return [contact.firstName, contact.lastName, contact.name, contact.email, contact.phone, contact.companyName].some(
    (value) => value !== undefined && value.toLowerCase().includes(needle),
  );
}

function checkFilter(filter: unknown, path: string): string[] {
  if (!isRecord(filter)) return [`${path} must be an object`];
  if ('group' in filter) {
    if (filter['group'] !== 'AND' && filter['group'] !== 'OR') return [`${path}.group must be AND or OR`];
    if (!Array.isArray(filter['filters'])) return [`${path}.filters must be an array`];
    return filter['filters'].flatMap((inner: unknown, i) => checkFilter(inner, `${path}.filters.${i}`));
  }
  if (typeof filter['field'] !== 'string') return [`${path}.field must be a string`];
  if (typeof filter['operator'] !== 'string' || !OPERATORS.includes(filter['operator'])) {
    return [`${path}.operator must be one of the following values: ${OPERATORS.join(', ')}`];
  }
  return [];
}

function matchesFilter(contact: SimulatedContact, filter: unknown): boolean {
  const spec = filter as Record<string, unknown>;
  if ('group' in spec) {
    const inner = spec['filters'] as unknown[];
    return spec['group'] === 'AND' ? inner.every((f) => matchesFilter(contact, f)) : inner.some((f) => matchesFilter(contact, f));
  }
  const actual = (contact as unknown as Record<string, unknown>)[spec['field'] as string];
  const expected = spec['value'];
  switch (spec['operator']) {
    case 'eq':
      return valuesOf(actual).some((a) => valuesOf(expected).some((e) => equal(a, e)));
    case 'not_eq':
      return !valuesOf(actual).some((a) => valuesOf(expected).some((e) => equal(a, e)));
    case 'contains':
      return valuesOf(actual).some((a) => String(a).toLowerCase().includes(String(expected).toLowerCase()));
    case 'not_contains':
      return !valuesOf(actual).some((a) => String(a).toLowerCase().includes(String(expected).toLowerCase()));
    case 'exists':
      return valuesOf(actual).length > 0;
    case 'not_exists':
      return valuesOf(actual).length === 0;
    default:
      return inRange(actual, expected);
  }
}

/** Array fields (tags) match when any element does; absent and empty values are "not there". */
function valuesOf(value: unknown): unknown[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v) => v !== undefined && v !== null && v !== '');
}

function equal(actual: unknown, expected: unknown): boolean {
  return typeof actual === 'string' && typeof expected === 'string' ? actual.toLowerCase() === expected.toLowerCase() : actual === expected;
}

/** `range`: `value` is `{ gt?, gte?, lt?, lte? }`; dates compare as instants. */
function inRange(actual: unknown, bounds: unknown): boolean {
  if (!isRecord(bounds) || actual === undefined || actual === null) return false;
  const value = comparable(actual);
  const check = (key: string, ok: (a: number, b: number) => boolean): boolean => bounds[key] === undefined || ok(value, comparable(bounds[key]));
  return check('gt', (a, b) => a > b) && check('gte', (a, b) => a >= b) && check('lt', (a, b) => a < b) && check('lte', (a, b) => a <= b);
}

function comparable(value: unknown): number {
  if (typeof value === 'number') return value;
  const asDate = Date.parse(String(value));
  return Number.isNaN(asDate) ? Number(value) : asDate;
}

/** The sort values then the id: dates as epoch ms (the shape of GHL's cursors), strings lower-cased. */
function cursorOf(contact: SimulatedContact, sort: SortSpec[]): Cursor {
  const record = contact as unknown as Record<string, unknown>;
  const values = sort.map(({ field }): string | number | null => {
    const value = record[field];
    if (DATE_FIELDS.has(field) && typeof value === 'string') return Date.parse(value);
    if (typeof value === 'number') return value;
    return typeof value === 'string' ? value.toLowerCase() : null;
  });
  return [...values, contact.id];
}

function compareCursors(a: Cursor, b: Cursor, sort: SortSpec[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareValues(a[i] ?? null, b[i] ?? null);
    if (order !== 0) return sort[i]?.direction === 'desc' ? -order : order;
  }
  return 0;
}

/** Nulls first; numbers before strings; otherwise natural order. */
function compareValues(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : 1;
}

function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
