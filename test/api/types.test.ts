/*
 * The compile-time contract of `ghl.api`. The `expectTypeOf` assertions and `@ts-expect-error` lines
 * are checked by `npm run typecheck` (tsc covers test/): a line that stops being an error, or a type
 * that changes, fails it. At run time the same calls go to a recording fetch, so each rejected call
 * also shows what would happen without the compiler: refused before sending (paths) or sent to GHL
 * as written (fields; GHL answers 422 for unknown ones).
 */
import { HttpResponse } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SearchContactsBody, SearchContactsResponse } from '../../src/api/overrides.js';
import type { ApiBody, ApiPath, ApiQuery, ApiRequestOptions, ApiResult, PathParamNames } from '../../src/api/types.js';
import type { GHLClient } from '../../src/client.js';
import { GHLValidationError } from '../../src/errors.js';
import type * as calendars from '../../src/generated/calendars.js';
import type * as contacts from '../../src/generated/contacts.js';
import type * as opportunities from '../../src/generated/opportunities.js';
import { testClient } from '../helpers/client.js';

function recordingClient(): { ghl: GHLClient; sent: Array<{ url: URL; body: unknown }> } {
  const sent: Array<{ url: URL; body: unknown }> = [];
  const ghl = testClient({
    // ky hands fetch a Request: read what would go on the wire from it.
    fetch: async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const text = request.body ? await request.text() : '';
      sent.push({ url: new URL(request.url), body: text ? (JSON.parse(text) as unknown) : undefined });
      return HttpResponse.json({});
    },
  });
  return { ghl, sent };
}

describe('ghl.api types: paths', () => {
  it('accepts exactly the templates the specs declare for each method', () => {
    expectTypeOf<'/contacts/{contactId}'>().toExtend<ApiPath<'get'>>();
    expectTypeOf<'/calendars/{calendarId}/free-slots'>().toExtend<ApiPath<'get'>>();
    expectTypeOf<'/contacts/{contactId}/notes'>().toExtend<ApiPath<'post'>>();
    expectTypeOf<'/contacts/{contactId}'>().not.toExtend<ApiPath<'patch'>>();
    expectTypeOf<'/contacts/c-1'>().not.toExtend<ApiPath<'get'>>();
    expectTypeOf<PathParamNames<'/contacts/{contactId}/notes/{id}'>>().toEqualTypeOf<'contactId' | 'id'>();
  });

  it('rejects a wrong path at compile time; at run time nothing is sent', async () => {
    const { ghl, sent } = recordingClient();
    // @ts-expect-error not a template of the specs
    await expect(ghl.api.get('/contactz/{contactId}', { path: { contactId: 'c-1' } })).rejects.toBeInstanceOf(GHLValidationError);
    // @ts-expect-error an id in place of the template
    await expect(ghl.api.get('/contacts/c-1')).rejects.toBeInstanceOf(GHLValidationError);
    // @ts-expect-error GET-only template used with DELETE
    await expect(ghl.api.delete('/contacts/{contactId}/appointments', { path: { contactId: 'c-1' } })).rejects.toBeInstanceOf(GHLValidationError);
    expect(sent).toHaveLength(0);
  });
});

describe('ghl.api types: path parameters', () => {
  it('are required exactly when the template has them', () => {
    expectTypeOf<ApiRequestOptions<'get', '/contacts/{contactId}'>['path']>().toEqualTypeOf<{ contactId: string }>();
    expectTypeOf<ApiRequestOptions<'get', '/calendars/'>>().toHaveProperty('path').toEqualTypeOf<undefined>();
    // locations.json forgets to declare {locationId} here: the template still requires it.
    expectTypeOf<ApiRequestOptions<'get', '/locations/{locationId}/timezones'>['path']>().toEqualTypeOf<{ locationId: string }>();
  });

  it('rejects a missing or an extra parameter at compile time; at run time nothing is sent', async () => {
    const { ghl, sent } = recordingClient();
    // @ts-expect-error the options with `path` are required
    await expect(ghl.api.get('/contacts/{contactId}')).rejects.toBeInstanceOf(GHLValidationError);
    // @ts-expect-error contactId is missing
    await expect(ghl.api.get('/contacts/{contactId}', { path: {} })).rejects.toBeInstanceOf(GHLValidationError);
    // @ts-expect-error noteId is missing
    await expect(ghl.api.get('/contacts/{contactId}/notes/{id}', { path: { contactId: 'c-1' } })).rejects.toBeInstanceOf(GHLValidationError);
    // @ts-expect-error `other` is not a parameter of the template
    await expect(ghl.api.get('/contacts/{contactId}', { path: { contactId: 'c-1', other: 'x' } })).rejects.toBeInstanceOf(GHLValidationError);
    // @ts-expect-error the template has no parameters
    await expect(ghl.api.get('/calendars/', { path: { calendarId: 'x' }, query: { locationId: 'l' } })).rejects.toBeInstanceOf(GHLValidationError);
    expect(sent).toHaveLength(0);
  });
});

describe('ghl.api types: query and body', () => {
  it('are the spec’s types, required when the spec requires them', () => {
    expectTypeOf<ApiQuery<'get', '/calendars/{calendarId}/free-slots'>>().toEqualTypeOf<
      NonNullable<calendars.operations['get-slots']['parameters']['query']>
    >();
    expectTypeOf<ApiRequestOptions<'get', '/calendars/{calendarId}/free-slots'>>().toHaveProperty('query').not.toEqualTypeOf<undefined>();
    expectTypeOf<ApiBody<'post', '/contacts/{contactId}/notes'>>().toEqualTypeOf<contacts.components['schemas']['NotesDTO']>();
    expectTypeOf<ApiBody<'get', '/contacts/{contactId}'>>().toBeNever();
    expectTypeOf<ApiBody<'post', '/medias/upload-file'>>().toEqualTypeOf<FormData>();
  });

  it('POST /contacts/search takes the hand-written body the spec leaves empty', () => {
    expectTypeOf<ApiBody<'post', '/contacts/search'>>().toEqualTypeOf<SearchContactsBody>();
    expectTypeOf<SearchContactsBody>().toHaveProperty('locationId').toEqualTypeOf<string>();
  });

  it('rejects wrong query and body fields at compile time (at run time they go to GHL as written, but a GET body is refused unsent)', async () => {
    const { ghl, sent } = recordingClient();
    const free = { path: { calendarId: 'cal-1' }, query: { startDate: 1, endDate: 2 } } as const;
    // @ts-expect-error `timezon` is not a query parameter of free-slots
    await ghl.api.get('/calendars/{calendarId}/free-slots', { ...free, query: { ...free.query, timezon: 'UTC' } });
    // @ts-expect-error endDate is required
    await ghl.api.get('/calendars/{calendarId}/free-slots', { path: free.path, query: { startDate: 1 } });
    // @ts-expect-error `text` is not a field of NotesDTO
    await ghl.api.post('/contacts/{contactId}/notes', { path: { contactId: 'c-1' }, body: { text: 'Called' } });
    // @ts-expect-error `body` must be a string
    await ghl.api.post('/contacts/{contactId}/notes', { path: { contactId: 'c-1' }, body: { body: 42 } });
    // @ts-expect-error the search body needs locationId and pageLimit
    await ghl.api.post('/contacts/search', { body: { query: 'ada' } });
    // @ts-expect-error GET /contacts/{contactId} takes no body (and fetch cannot send one: nothing is sent)
    await expect(ghl.api.get('/contacts/{contactId}', { path: { contactId: 'c-1' }, body: { x: 1 } })).rejects.toBeInstanceOf(GHLValidationError);
    expect(sent.map(({ url, body }) => [url.pathname + url.search, body])).toEqual([
      ['/calendars/cal-1/free-slots?startDate=1&endDate=2&timezon=UTC', undefined],
      ['/calendars/cal-1/free-slots?startDate=1', undefined],
      ['/contacts/c-1/notes', { text: 'Called' }],
      ['/contacts/c-1/notes', { body: 42 }],
      ['/contacts/search', { query: 'ada' }],
    ]);
  });
});

describe('ghl.api types: results', () => {
  it('are the 2xx JSON body the spec declares', async () => {
    const { ghl } = recordingClient();
    const result = await ghl.api.get('/opportunities/{id}', { path: { id: 'o-1' } });
    expectTypeOf(result).toEqualTypeOf<opportunities.components['schemas']['GetPostOpportunitySuccessfulResponseDto']>();
    expectTypeOf<ApiResult<'get', '/contacts/{contactId}'>>().toEqualTypeOf<contacts.components['schemas']['ContactsByIdSuccessfulResponseDto']>();
    expect(result).toEqual({});
  });

  it('are unknown where the spec declares no body, and hand-written for POST /contacts/search', () => {
    expectTypeOf<ApiResult<'get', '/contacts/search/duplicate'>>().toBeUnknown();
    expectTypeOf<ApiResult<'post', '/contacts/search'>>().toEqualTypeOf<SearchContactsResponse>();
  });
});
