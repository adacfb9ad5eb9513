import { GHLAbortError, GHLResponseError } from '../errors.js';
import type { CallOptions } from './transport.js';

/** One page as a resource reads it from GHL's answer. */
export interface Page<Item, Cursor> {
  items: readonly Item[];
  /** The server's cursor for the next page (cursor styles): `startAfterId`, a `searchAfter`, a `lastMessageId`. */
  next?: Cursor | undefined;
  /** What GHL said about more pages (`meta.nextPageUrl`, `nextPage`), when it says anything. */
  hasMore?: boolean | undefined;
  /** Total matches, when GHL reports them. */
  total?: number | undefined;
}

/**
 * How one GHL paging style moves from page to page: the first cursor, and the next one given the page
 * just read (undefined = GHL says there is no more).
 */
export interface PagingStyle<Cursor> {
  readonly first: Cursor;
  next(current: Cursor, page: Page<unknown, Cursor>, itemsSoFar: number): Cursor | undefined;
}

/** Reads one page at `cursor`; `call` carries the caller's signal and timeout to the request. */
export type PageFetcher<Item, Cursor> = (cursor: Cursor, call: CallOptions) => Promise<Page<Item, Cursor>>;

/**
 * Turns a page-fetching function into an async iterable of items. Pages are fetched one at a time,
 * only when the previous one is used up (streaming, nothing collected); `break` stops fetching. The
 * caller's `signal` is passed to each request and checked before every item, so an abort ends the
 * loop at once. A cursor already
 * fetched is never fetched again: a server that repeats one gets a `GHLResponseError` instead of an
 * endless loop.
 */
export async function* paginate<Item, Cursor>(style: PagingStyle<Cursor>, fetchPage: PageFetcher<Item, Cursor>, call: CallOptions = {}): AsyncGenerator<Item, void, undefined> {
  const fetched = new Set<string>();
  let cursor: Cursor | undefined = style.first;
  let itemsSoFar = 0;
  while (cursor !== undefined) {
    throwIfAborted(call.signal);
    const key = JSON.stringify(cursor) ?? String(cursor);
    if (fetched.has(key)) throw new GHLResponseError(`GHL returned a page cursor it had already returned (${key}): stopped paging instead of looping`, cursor);
    fetched.add(key);
    const page: Page<Item, Cursor> = await fetchPage(cursor, call);
    itemsSoFar += page.items.length;
    for (const item of page.items) {
      throwIfAborted(call.signal);
      yield item;
    }
    cursor = page.items.length === 0 || page.hasMore === false ? undefined : style.next(cursor, page, itemsSoFar);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GHLAbortError('Paging was aborted by the caller', { cause: signal.reason });
}

/** True when the answer shows the end: a short page, or the reported total reached. */
function reachedEnd(page: Page<unknown, unknown>, limit: number, itemsSoFar: number): boolean {
  return page.items.length < limit || (page.total !== undefined && itemsSoFar >= page.total);
}

/**
 * `limit` + `skip` or `limit` + `offset` (users, locations search): the cursor is the number of
 * records to skip; it advances by the items received until a short page or the total.
 */
export function offsetPaging(limit: number, start = 0): PagingStyle<number> {
  return {
    first: start,
    next: (current, page, itemsSoFar) => (page.hasMore !== true && reachedEnd(page, limit, itemsSoFar) ? undefined : current + page.items.length),
  };
}

/** `page` (1-based) + a page size (contacts search's `page`, opportunities' `page`). */
export function pagePaging(limit: number, start = 1): PagingStyle<number> {
  return {
    first: start,
    next: (current, page, itemsSoFar) => (page.hasMore !== true && reachedEnd(page, limit, itemsSoFar) ? undefined : current + 1),
  };
}

/**
 * A cursor GHL hands back with each page: `startAfter`/`startAfterId` (from `meta`), `searchAfter`
 * (from the last contact), `lastMessageId` (conversation messages). Paging stops when GHL sends no
 * cursor. `first` is the caller's own starting cursor, if any (undefined fetches the first page).
 */
export function cursorPaging<Cursor>(first?: Cursor): PagingStyle<Cursor | null> {
  return {
    first: first ?? null,
    next: (_current, page) => {
      if (page.next !== undefined && page.next !== null) return page.next;
      if (page.hasMore === true) throw new GHLResponseError('GHL said more pages follow but sent no cursor for the next one', page);
      return undefined;
    },
  };
}
