import { cursorPaging, paginate } from '../../http/paginate.js';
import { path } from '../../http/path.js';
import type { CallOptions, QueryValue } from '../../http/transport.js';
import { APIResource } from '../resource.js';
import { Pipelines } from './pipelines.js';
import {
  createOpportunitySchema,
  listParamsSchema,
  opportunityEnvelopeSchema,
  searchParamsSchema,
  searchResponseSchema,
  updateOpportunitySchema,
  updateStatusSchema,
  upsertOpportunitySchema,
  upsertResponseSchema,
} from './schemas.js';
import type {
  CreateOpportunityInput,
  ListOpportunitiesParams,
  Opportunity,
  OpportunityCursor,
  OpportunityStatus,
  SearchOpportunitiesParams,
  SearchOpportunitiesResult,
  UpdateOpportunityInput,
  UpsertOpportunityInput,
  UpsertOpportunityResult,
} from './types.js';


/**
 * The safe next step after a create that may have reached GHL failed (`RequestSpec.nextStep`): not
 * "use an upsert" as for contacts, since an opportunity upsert without `id` creates again (the spec
 * names nothing GHL could match it by); look before creating again.
 */
const LOOK_BEFORE_CREATING = 'look for it first with ghl.opportunities.search({ contactId, pipelineId }) or search({ query: name }), and create it again only if it is not there';
/** `list`'s page size when the caller names none: GHL's maximum for this endpoint (the spec's `limit`). */
const DEFAULT_LIST_LIMIT = 100;

/** The search query's names on the wire (the spec's snake_case ones, and `q`), by our parameter name. */
const QUERY_NAMES: Readonly<Record<string, string>> = {
  query: 'q',
  pipelineId: 'pipeline_id',
  pipelineStageId: 'pipeline_stage_id',
  contactId: 'contact_id',
  assignedTo: 'assigned_to',
};

/**
 * GHL opportunities (`/opportunities/*`, Version 2021-07-28) and their pipelines. Inputs are
 * validated before anything is sent; `locationId` comes from the client (as `location_id` on search,
 * `locationId` on pipelines and in create/upsert bodies) unless a write names its own.
 */
export class Opportunities extends APIResource {
  protected readonly version = '2021-07-28';

  /** `GET /opportunities/pipelines`: the location's pipelines and their stages. */
  readonly pipelines = new Pipelines(this.requester);

  /**
   * `POST /opportunities/` → the new opportunity. Never replayed once it may have reached GHL, so a
   * dropped connection cannot create a duplicate; the error then says so and names the safe retry
   * (search by contact and pipeline before creating again).
   */
  async create(input: CreateOpportunityInput, call?: CallOptions): Promise<Opportunity> {
    const body = this.validate(createOpportunitySchema, this.withLocation(input), 'opportunity');
    const answer = await this.request({ method: 'POST', path: '/opportunities/', body, idempotent: false, nextStep: LOOK_BEFORE_CREATING, response: opportunityEnvelopeSchema, what: 'opportunity create' }, call);
    return answer.opportunity as Opportunity;
  }

  /** `GET /opportunities/{id}`. */
  async get(id: string, call?: CallOptions): Promise<Opportunity> {
    const answer = await this.request({ method: 'GET', path: path`/opportunities/${{ id }}`, response: opportunityEnvelopeSchema, what: 'opportunity get' }, call);
    return answer.opportunity as Opportunity;
  }

  /** `PUT /opportunities/{id}`; a pipeline move is `update(id, { pipelineStageId })`. Never sends `locationId`. */
  async update(id: string, input: UpdateOpportunityInput, call?: CallOptions): Promise<Opportunity> {
    const url = path`/opportunities/${{ id }}`;
    const body = this.validate(updateOpportunitySchema, input, 'opportunity update');
    const answer = await this.request({ method: 'PUT', path: url, body, response: opportunityEnvelopeSchema, what: 'opportunity update' }, call);
    return answer.opportunity as Opportunity;
  }

  /** `DELETE /opportunities/{id}`. */
  async delete(id: string, call?: CallOptions): Promise<void> {
    await this.request({ method: 'DELETE', path: path`/opportunities/${{ id }}`, what: 'opportunity delete' }, call);
  }

  /**
   * `POST /opportunities/upsert`. With `id` it updates that opportunity, so a replay changes nothing
   * more and it is retried like a PUT. Without `id` it creates one: the spec names no field GHL
   * would match a replay by, so it is treated as a create (never replayed once it may have arrived).
   */
  async upsert(input: UpsertOpportunityInput, call?: CallOptions): Promise<UpsertOpportunityResult> {
    const body = this.validate(upsertOpportunitySchema, this.withLocation(input), 'opportunity');
    const idempotent = body.id !== undefined;
    const answer = await this.request({ method: 'POST', path: '/opportunities/upsert', body, idempotent, nextStep: idempotent ? undefined : LOOK_BEFORE_CREATING, response: upsertResponseSchema, what: 'opportunity upsert' }, call);
    return { opportunity: answer.opportunity as Opportunity, created: answer.new === true };
  }

  /** `PUT /opportunities/{id}/status`: `'open'`, `'won'`, `'lost'` or `'abandoned'`. */
  async updateStatus(id: string, status: OpportunityStatus, call?: CallOptions): Promise<void> {
    const url = path`/opportunities/${{ id }}/status`;
    const body = this.validate(updateStatusSchema, { status }, 'opportunity status');
    await this.request({ method: 'PUT', path: url, body, what: 'opportunity status update' }, call);
  }

  /**
   * `GET /opportunities/search`, one page (20 by default, at most 100). Pass `next` back for the
   * following page: `search({ ...params, ...page.next })`. `list` pages for you.
   */
  async search(params: SearchOpportunitiesParams = {}, call?: CallOptions): Promise<SearchOpportunitiesResult> {
    const valid = this.validate(searchParamsSchema, params, 'search parameters');
    const query: Record<string, QueryValue> = { location_id: this.locationId };
    for (const [name, value] of Object.entries(valid)) if (value !== undefined) query[QUERY_NAMES[name] ?? name] = value as QueryValue;
    const answer = await this.request({ method: 'GET', path: '/opportunities/search', query, response: searchResponseSchema, what: 'opportunity search' }, call);
    const opportunities = answer.opportunities as Opportunity[];
    const meta = answer.meta;
    // GHL says "no more" with an empty nextPageUrl; without one, a cursor is the only sign of a next page.
    const more = meta?.nextPageUrl === undefined ? true : meta.nextPageUrl !== null && meta.nextPageUrl !== '';
    const next: OpportunityCursor | undefined =
      more && typeof meta?.startAfterId === 'string' && meta.startAfterId !== '' && meta.startAfter !== undefined && meta.startAfter !== null
        ? { startAfter: String(meta.startAfter), startAfterId: meta.startAfterId }
        : undefined;
    return { opportunities, total: meta?.total ?? opportunities.length, next };
  }

  /**
   * Every opportunity matching `params`, one page at a time (the `startAfter`/`startAfterId` cursor
   * GHL returns in `meta`). Streams: a page is fetched only when the loop has used up the previous
   * one, so memory stays flat over any number of opportunities; a repeated cursor stops with a
   * `GHLResponseError` instead of fetching a page twice; the `signal` ends the loop.
   *
   * ```ts
   * for await (const opportunity of ghl.opportunities.list({ status: 'open' })) console.log(opportunity.name);
   * ```
   * Invalid `params` throw a `GHLValidationError` at once, before anything is sent.
   */
  list(params: ListOpportunitiesParams = {}, call?: CallOptions): AsyncIterable<Opportunity> {
    const limit = this.validate(listParamsSchema, params, 'list parameters').limit ?? DEFAULT_LIST_LIMIT;
    return paginate(cursorPaging<OpportunityCursor>(), async (cursor, pageCall) => {
      const page = await this.search({ ...params, limit, ...(cursor ?? {}) }, pageCall);
      // A short page is the last one even when GHL still sends a cursor.
      return { items: page.opportunities, next: page.opportunities.length < limit ? undefined : page.next, total: page.total };
    }, call);
  }

  /** The input with the client's location unless it names its own. */
  private withLocation<T extends { locationId?: string | undefined }>(input: T | undefined): T & { locationId: string } {
    return { ...input, locationId: input?.locationId ?? this.locationId } as T & { locationId: string };
  }
}
