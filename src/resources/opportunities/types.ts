/*
 * Public opportunity and pipeline types, written out (not inferred from zod) so the published .d.ts
 * needs no zod. They mirror GHL's opportunities spec (spec/apps/opportunities.json); where the spec
 * is wrong, the comment says so and why (docs/ghl-api.md "Opportunities and pipelines").
 */

/** The status an opportunity has. The spec's write enums also list `'all'`, a search filter only. */
export type OpportunityStatus = 'open' | 'won' | 'lost' | 'abandoned';

/** What `search`/`list` filter by: a status, or `'all'` of them. */
export type OpportunityStatusFilter = OpportunityStatus | 'all';

/** A custom field value to write. GHL takes the field's `id` or its `key`. */
export interface OpportunityCustomFieldInput {
  id?: string | undefined;
  key?: string | undefined;
  field_value: string | string[] | Record<string, unknown>;
}

/** `POST /opportunities/` (`CreateDto`). */
export interface CreateOpportunityInput {
  pipelineId: string;
  /** Default: the client's location. */
  locationId?: string | undefined;
  name: string;
  /** A stage of `pipelineId` (see `ghl.opportunities.pipelines.list()`). */
  pipelineStageId?: string | undefined;
  status: OpportunityStatus;
  contactId: string;
  /** The deal's value: a finite number, at least 0. */
  monetaryValue?: number | undefined;
  /** User id of the owner. */
  assignedTo?: string | undefined;
  customFields?: OpportunityCustomFieldInput[] | undefined;
}

/** `PUT /opportunities/{id}` (`UpdateOpportunityDto`): every field optional; no `locationId` or `contactId`. */
export interface UpdateOpportunityInput {
  pipelineId?: string | undefined;
  name?: string | undefined;
  /** Moving an opportunity to another stage is an update of this field. */
  pipelineStageId?: string | undefined;
  status?: OpportunityStatus | undefined;
  monetaryValue?: number | undefined;
  assignedTo?: string | undefined;
  customFields?: OpportunityCustomFieldInput[] | undefined;
}

/**
 * `POST /opportunities/upsert` (`UpsertOpportunityDto`). With `id` it updates that opportunity and is
 * retried like a PUT; without one it creates, and is never replayed (the spec names nothing GHL
 * could match a replay by).
 */
export interface UpsertOpportunityInput {
  /** The opportunity to update; omit to create one. */
  id?: string | undefined;
  pipelineId: string;
  /** Default: the client's location. */
  locationId?: string | undefined;
  name?: string | undefined;
  status?: OpportunityStatus | undefined;
  pipelineStageId?: string | undefined;
  monetaryValue?: number | undefined;
  assignedTo?: string | undefined;
  lostReasonId?: string | undefined;
  /** User ids to add or remove as followers (`followersActionType`). */
  followers?: string[] | undefined;
  isRemoveAllFollowers?: boolean | undefined;
  followersActionType?: 'add' | 'remove' | undefined;
}

/** The contact summary GHL embeds in an opportunity. */
export interface OpportunityContact {
  id: string;
  name?: string | undefined;
  companyName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  tags?: string[] | undefined;
}

/** An opportunity as GHL returns it. Only `id` is guaranteed; the spec marks every field optional. */
export interface Opportunity {
  id: string;
  name?: string | undefined;
  monetaryValue?: number | undefined;
  pipelineId?: string | undefined;
  pipelineStageId?: string | undefined;
  assignedTo?: string | undefined;
  /** One of `OpportunityStatus` (typed as a plain string in the spec's responses). */
  status?: string | undefined;
  source?: string | undefined;
  lastStatusChangeAt?: string | undefined;
  lastStageChangeAt?: string | undefined;
  lastActionDate?: string | undefined;
  createdAt?: string | undefined;
  updatedAt?: string | undefined;
  contactId?: string | undefined;
  locationId?: string | undefined;
  contact?: OpportunityContact | undefined;
  lostReasonId?: string | undefined;
  customFields?: Array<{ id: string; fieldValue?: unknown }> | undefined;
  followers?: unknown[] | undefined;
}

/** What `list` takes: the search filters, without paging (it pages by itself). */
export interface ListOpportunitiesParams {
  /** Free text (`q`): name, contact email, phone… */
  query?: string | undefined;
  pipelineId?: string | undefined;
  pipelineStageId?: string | undefined;
  contactId?: string | undefined;
  /** Default (GHL's): every status. */
  status?: OpportunityStatusFilter | undefined;
  assignedTo?: string | undefined;
  campaignId?: string | undefined;
  /** One opportunity by id. */
  id?: string | undefined;
  /** e.g. `'added_asc'`, `'added_desc'`. */
  order?: string | undefined;
  /** Created on or after, `mm-dd-yyyy` (the spec's format for this filter). */
  date?: string | undefined;
  /** Created on or before, `mm-dd-yyyy`. */
  endDate?: string | undefined;
  country?: string | undefined;
  /** Page size, 1–100 (GHL's maximum). Default 20 for `search`, 100 for `list`. */
  limit?: number | undefined;
  getTasks?: boolean | undefined;
  getNotes?: boolean | undefined;
  getCalendarEvents?: boolean | undefined;
}

/** The cursor of the next page: pass both back to `search`. */
export interface OpportunityCursor {
  startAfter: string;
  startAfterId: string;
}

export interface SearchOpportunitiesParams extends ListOpportunitiesParams {
  /** From the previous page's `next` (with `startAfterId`). Not with `page`. */
  startAfter?: string | undefined;
  /** From the previous page's `next` (with `startAfter`). Not with `page`. */
  startAfterId?: string | undefined;
  /** 1-based page number, the spec's other way to page. Not with a cursor. */
  page?: number | undefined;
}

export interface SearchOpportunitiesResult {
  opportunities: Opportunity[];
  /** Total matches, when GHL says (else the page's length). */
  total: number;
  /** Spread into the next `search` call; undefined when GHL says there is no next page. */
  next: OpportunityCursor | undefined;
}

export interface UpsertOpportunityResult {
  opportunity: Opportunity;
  /** True when GHL created a new opportunity, false when it updated one. */
  created: boolean;
}

/**
 * A pipeline stage. The spec types `stages` as an array of arrays (spec/apps/opportunities.json,
 * `PipelinesResponseSchema`); GHL answers objects with these fields (the pipeline-stage ids the
 * opportunity fields and webhooks carry), so that is what this type says.
 */
export interface PipelineStage {
  id: string;
  name?: string | undefined;
  position?: number | undefined;
  showInFunnel?: boolean | undefined;
  showInPieChart?: boolean | undefined;
}

/** A pipeline of the location, with its stages in order. */
export interface Pipeline {
  id: string;
  name?: string | undefined;
  stages?: PipelineStage[] | undefined;
  showInFunnel?: boolean | undefined;
  showInPieChart?: boolean | undefined;
  locationId?: string | undefined;
}
