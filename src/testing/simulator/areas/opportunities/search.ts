import type { SimulatedOpportunity } from './store.js';

/**
 * `GET /opportunities/search` (spec/apps/opportunities.json, `search-opportunity`): its query
 * parameters, the filters they apply, and the paging the spec documents — `limit` (default 20, at
 * most 100), then either the `startAfter`/`startAfterId` cursor from the previous page's `meta` or a
 * 1-based `page`. `meta.nextPageUrl` is null on the last page.
 */

/** Every query parameter the spec declares for this operation. */
const QUERY_PARAMETERS = [
  'q', 'location_id', 'pipeline_id', 'pipeline_stage_id', 'contact_id', 'status', 'assigned_to', 'campaignId', 'id', 'order',
  'endDate', 'startAfter', 'startAfterId', 'date', 'country', 'page', 'limit', 'getTasks', 'getNotes', 'getCalendarEvents',
];
/** `nextPageUrl` points where GHL's would (the spec's example shows an internal host). */
const GHL_BASE_URL = 'https://services.leadconnectorhq.com';
const STATUS_FILTERS = ['open', 'won', 'lost', 'abandoned', 'all'];
const MM_DD_YYYY = /^(\d{2})-(\d{2})-(\d{4})$/;

export interface SearchQuery {
  locationId: string;
  limit: number;
  page: number | undefined;
  startAfterId: string | undefined;
  filters: URLSearchParams;
}

/** The parsed query, or the 422 messages. */
export function parseSearchQuery(query: URLSearchParams): SearchQuery | string[] {
  const messages: string[] = [];
  for (const name of new Set(query.keys())) if (!QUERY_PARAMETERS.includes(name)) messages.push(`property ${name} should not exist`);
  const locationId = query.get('location_id');
  if (!locationId) messages.push('location_id should not be empty');
  const limit = Number(query.get('limit') ?? '20');
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) messages.push('limit must not be greater than 100 and not less than 1');
  const pageText = query.get('page');
  const page = pageText === null ? undefined : Number(pageText);
  if (page !== undefined && (!Number.isInteger(page) || page < 1)) messages.push('page must not be less than 1');
  const status = query.get('status');
  if (status !== null && !STATUS_FILTERS.includes(status)) messages.push(`status must be one of the following values: ${STATUS_FILTERS.join(', ')}`);
  for (const name of ['date', 'endDate']) {
    const value = query.get(name);
    if (value !== null && !MM_DD_YYYY.test(value)) messages.push(`${name} must be a date as mm-dd-yyyy`);
  }
  const startAfter = query.get('startAfter');
  if (startAfter !== null && !/^\d+$/.test(startAfter)) messages.push('startAfter must be a number string');
  if (messages.length > 0) return messages;
  return { locationId: locationId as string, limit, page, startAfterId: query.get('startAfterId') ?? undefined, filters: query };
}

/** One page of `opportunities` (the location's, in creation order) and its `meta`. */
export function searchOpportunities(opportunities: readonly SimulatedOpportunity[], search: SearchQuery, decorate: (opportunity: SimulatedOpportunity) => unknown) {
  const matches = opportunities.filter((opportunity) => matchesFilters(opportunity, search.filters));
  const order = search.filters.get('order');
  if (order === 'added_desc') matches.reverse();
  let start = 0;
  if (search.startAfterId !== undefined) {
    // After the cursor's opportunity; if it is gone, after the last one created no later than startAfter.
    const index = matches.findIndex((opportunity) => opportunity.id === search.startAfterId);
    const startAfter = Number(search.filters.get('startAfter'));
    start = index >= 0 ? index + 1 : matches.filter((opportunity) => Date.parse(opportunity.createdAt) <= startAfter).length;
  } else if (search.page !== undefined) {
    start = (search.page - 1) * search.limit;
  }
  const page = matches.slice(start, start + search.limit);
  const last = page[page.length - 1];
  const hasMore = start + page.length < matches.length;
  const currentPage = Math.floor(start / search.limit) + 1;
  let nextPageUrl: string | null = null;
  if (hasMore && last) {
    const next = new URL('/opportunities/search', GHL_BASE_URL);
    for (const [name, value] of search.filters) if (!['startAfter', 'startAfterId', 'page'].includes(name)) next.searchParams.append(name, value);
    next.searchParams.set('startAfter', String(Date.parse(last.createdAt)));
    next.searchParams.set('startAfterId', last.id);
    nextPageUrl = next.href;
  }
  return {
    opportunities: page.map(decorate),
    meta: {
      total: matches.length,
      nextPageUrl,
      startAfterId: hasMore && last ? last.id : null,
      startAfter: hasMore && last ? Date.parse(last.createdAt) : null,
      currentPage,
      nextPage: hasMore ? currentPage + 1 : null,
      prevPage: currentPage > 1 ? currentPage - 1 : null,
    },
    aggregations: {},
  };
}

function matchesFilters(opportunity: SimulatedOpportunity, filters: URLSearchParams): boolean {
  const equal = (name: string, value: string | undefined) => {
    const wanted = filters.get(name);
    return wanted === null || wanted === '' || wanted === value;
  };
  const status = filters.get('status');
  if (status !== null && status !== 'all' && status !== opportunity.status) return false;
  if (!equal('pipeline_id', opportunity.pipelineId) || !equal('pipeline_stage_id', opportunity.pipelineStageId)) return false;
  if (!equal('contact_id', opportunity.contactId) || !equal('assigned_to', opportunity.assignedTo) || !equal('id', opportunity.id)) return false;
  const text = filters.get('q')?.toLowerCase();
  if (text && !opportunity.name.toLowerCase().includes(text)) return false;
  const created = Date.parse(opportunity.createdAt);
  const from = dayStart(filters.get('date'));
  const until = dayStart(filters.get('endDate'));
  if (from !== undefined && created < from) return false;
  if (until !== undefined && created >= until + 86_400_000) return false;
  return true;
}

/** `mm-dd-yyyy` as the UTC start of that day. */
function dayStart(value: string | null): number | undefined {
  const match = value === null ? null : MM_DD_YYYY.exec(value);
  return match ? Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2])) : undefined;
}
