import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { GHLAbortError, GHLResponseError } from '../../src/errors.js';
import { cursorPaging, offsetPaging, pagePaging, paginate, type Page } from '../../src/http/paginate.js';
import type { CallOptions } from '../../src/http/transport.js';
import { TEST_BASE_URL, testRequester } from '../helpers/requester.js';
import { server } from '../msw.js';

const IDS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];
const LIMIT = 3;

/** Serves `GET /things` with `answer(query)`, recording every query string it was asked. */
function serve(answer: (query: URLSearchParams) => unknown): string[] {
  const asked: string[] = [];
  server.use(
    http.get(`${TEST_BASE_URL}/things`, ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.search);
      return HttpResponse.json(answer(url.searchParams) as never);
    }),
  );
  return asked;
}

const requester = testRequester();
const get = (query: Record<string, string | number>, call: CallOptions) => requester.send({ method: 'GET', path: '/things', query }, call) as Promise<Record<string, unknown>>;

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const after = (id: string | null) => (id === null ? 0 : IDS.indexOf(id) + 1);

describe('paginate, one GHL style at a time', () => {
  it('limit + skip (users search): `{ users, count }`', async () => {
    const asked = serve((q) => ({ users: IDS.slice(Number(q.get('skip')), Number(q.get('skip')) + LIMIT).map((id) => ({ id })), count: IDS.length }));
    const users = paginate(offsetPaging(LIMIT), async (skip, call) => {
      const answer = await get({ skip, limit: LIMIT }, call);
      return { items: answer['users'] as Array<{ id: string }>, total: answer['count'] as number };
    });
    expect((await collect(users)).map((user) => user.id)).toEqual(IDS);
    expect(asked).toEqual(['?skip=0&limit=3', '?skip=3&limit=3', '?skip=6&limit=3']);
  });

  it('limit + offset with a total that lands on a page boundary: no extra empty request', async () => {
    const six = IDS.slice(0, 6);
    const asked = serve((q) => ({ items: six.slice(Number(q.get('offset')), Number(q.get('offset')) + LIMIT), total: six.length }));
    const items = paginate(offsetPaging(LIMIT), async (offset, call) => {
      const answer = await get({ offset, limit: LIMIT }, call);
      return { items: answer['items'] as string[], total: answer['total'] as number };
    });
    expect(await collect(items)).toEqual(six);
    expect(asked).toEqual(['?offset=0&limit=3', '?offset=3&limit=3']);
  });

  it('page (opportunities search): stops on `meta.nextPage: null`', async () => {
    const asked = serve((q) => {
      const page = Number(q.get('page'));
      const slice = IDS.slice((page - 1) * LIMIT, page * LIMIT);
      return { opportunities: slice, meta: { total: IDS.length, currentPage: page, nextPage: page * LIMIT < IDS.length ? page + 1 : null } };
    });
    const items = paginate(pagePaging(LIMIT), async (page, call) => {
      const answer = await get({ page, limit: LIMIT }, call);
      const meta = answer['meta'] as { nextPage: number | null };
      return { items: answer['opportunities'] as string[], hasMore: meta.nextPage !== null };
    });
    expect(await collect(items)).toEqual(IDS);
    expect(asked).toEqual(['?page=1&limit=3', '?page=2&limit=3', '?page=3&limit=3']);
  });

  it('startAfter / startAfterId (opportunities, the deprecated contacts list): the cursor comes from `meta`', async () => {
    const asked = serve((q) => {
      const start = after(q.get('startAfterId'));
      const slice = IDS.slice(start, start + LIMIT);
      const last = slice[slice.length - 1];
      const more = start + LIMIT < IDS.length;
      return { contacts: slice, meta: { startAfterId: more ? last : null, startAfter: more ? IDS.indexOf(last as string) * 1000 : null, nextPageUrl: more ? 'https://next' : null } };
    });
    type Cursor = { startAfterId: string; startAfter: number };
    const items = paginate(cursorPaging<Cursor>(), async (cursor, call) => {
      const answer = await get({ limit: LIMIT, ...(cursor ?? {}) }, call);
      const meta = answer['meta'] as { startAfterId: string | null; startAfter: number | null; nextPageUrl: string | null };
      const next = meta.startAfterId === null || meta.startAfter === null ? undefined : { startAfterId: meta.startAfterId, startAfter: meta.startAfter };
      return { items: answer['contacts'] as string[], next, hasMore: meta.nextPageUrl !== null };
    });
    expect(await collect(items)).toEqual(IDS);
    expect(asked).toEqual(['?limit=3', '?limit=3&startAfterId=r3&startAfter=2000', '?limit=3&startAfterId=r6&startAfter=5000']);
  });

  it('searchAfter (contacts search): the cursor is the last item’s `searchAfter`; a short page ends it', async () => {
    const asked: unknown[] = [];
    server.use(
      http.post(`${TEST_BASE_URL}/contacts/search`, async ({ request }) => {
        const body = (await request.json()) as { searchAfter?: [number, string] };
        asked.push(body.searchAfter ?? null);
        const start = body.searchAfter ? after(body.searchAfter[1]) : 0;
        return HttpResponse.json({ contacts: IDS.slice(start, start + LIMIT).map((id, i) => ({ id, searchAfter: [start + i, id] })), total: IDS.length });
      }),
    );
    const items = paginate(cursorPaging<[number, string]>(), async (searchAfter, call) => {
      const answer = (await requester.send({ method: 'POST', path: '/contacts/search', body: searchAfter ? { searchAfter } : {} }, call)) as { contacts: Array<{ id: string; searchAfter: [number, string] }> };
      return { items: answer.contacts, next: answer.contacts.at(-1)?.searchAfter, hasMore: answer.contacts.length === LIMIT };
    });
    expect((await collect(items)).map((contact) => contact.id)).toEqual(IDS);
    expect(asked).toEqual([null, [2, 'r3'], [5, 'r6']]);
  });

  it('lastMessageId (conversation messages): `{ messages: { lastMessageId, nextPage, messages } }`', async () => {
    const asked = serve((q) => {
      const start = after(q.get('lastMessageId'));
      const slice = IDS.slice(start, start + LIMIT);
      return { messages: { messages: slice, lastMessageId: slice[slice.length - 1], nextPage: start + LIMIT < IDS.length } };
    });
    const items = paginate(cursorPaging<string>(), async (lastMessageId, call) => {
      const answer = await get({ limit: LIMIT, ...(lastMessageId === null ? {} : { lastMessageId }) }, call);
      const page = answer['messages'] as { messages: string[]; lastMessageId?: string; nextPage: boolean };
      return { items: page.messages, next: page.lastMessageId, hasMore: page.nextPage };
    });
    expect(await collect(items)).toEqual(IDS);
    expect(asked).toEqual(['?limit=3', '?limit=3&lastMessageId=r3', '?limit=3&lastMessageId=r6']);
  });
});

describe('paginate, whatever the style', () => {
  const pages = (fetched: number[], size = LIMIT) => async (skip: number): Promise<Page<number, number>> => {
    fetched.push(skip);
    return { items: Array.from({ length: size }, (_, i) => skip + i) };
  };

  it('streams: a page is fetched only when the loop reaches it, and `break` fetches nothing more', async () => {
    const fetched: number[] = [];
    const items = paginate(offsetPaging(LIMIT), pages(fetched));
    expect(fetched).toEqual([]);
    const seen: number[] = [];
    for await (const item of items) {
      seen.push(item);
      if (item === 1) expect(fetched).toEqual([0]);
      if (item === 4) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(fetched).toEqual([0, 3]);
  });

  it('stops at an empty page even when the server claims more', async () => {
    const fetched: number[] = [];
    const items = paginate(offsetPaging(LIMIT), async (skip: number) => {
      fetched.push(skip);
      return { items: skip === 0 ? [1, 2, 3] : [], hasMore: true };
    });
    expect(await collect(items)).toEqual([1, 2, 3]);
    expect(fetched).toEqual([0, 3]);
  });

  it('honours the caller signal at once and passes it to each fetch', async () => {
    const controller = new AbortController();
    const calls: Array<AbortSignal | undefined> = [];
    const items = paginate(offsetPaging(LIMIT), async (skip, call) => {
      calls.push(call.signal);
      return { items: [skip, skip + 1, skip + 2] };
    }, { signal: controller.signal });
    const seen: number[] = [];
    const run = (async () => {
      for await (const item of items) {
        seen.push(item);
        if (item === 1) controller.abort(new Error('user left'));
      }
    })();
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect((error as GHLAbortError).cause).toEqual(new Error('user left'));
    expect(seen).toEqual([0, 1]); // the rest of the page in hand is not yielded either
    expect(calls).toEqual([controller.signal]);
  });

  it('never fetches a cursor twice: a server repeating its cursor gets GHLResponseError, not a loop', async () => {
    const fetched: Array<string | null> = [];
    const items = paginate(cursorPaging<string>(), async (cursor) => {
      fetched.push(cursor);
      return { items: ['a', 'b'], next: 'same-cursor' };
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of items) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLResponseError);
    expect((error as Error).message).toMatch(/already returned/);
    expect(fetched).toEqual([null, 'same-cursor']);
    expect(seen).toEqual(['a', 'b', 'a', 'b']);
  });

  it('a page that promises more without a cursor is a GHLResponseError, not a silent stop', async () => {
    const items = paginate(cursorPaging<string>(), async () => ({ items: ['a'], hasMore: true }));
    await expect(collect(items)).rejects.toBeInstanceOf(GHLResponseError);
  });

  it('starts from the caller’s own cursor', async () => {
    const fetched: Array<string | null> = [];
    const items = paginate(cursorPaging('c-5'), async (cursor) => {
      fetched.push(cursor);
      return { items: [cursor] };
    });
    expect(await collect(items)).toEqual(['c-5']);
    expect(fetched).toEqual(['c-5']);
  });
});
