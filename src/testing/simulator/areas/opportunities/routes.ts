import { routeBuilder, type ApiContext } from '../../api-route.js';
import { badRequest, forbiddenLocation, notFound, unprocessable } from '../../api-errors.js';
import { checkedBody, objectBody, type Checked } from '../../request-body.js';
import { json, type SimResponse } from '../../wire.js';
import type { ContactStore } from '../contacts/store.js';
import { parseSearchQuery, searchOpportunities } from './search.js';
import type { OpportunityFields, OpportunityStore, SimulatedOpportunity } from './store.js';
import { validateOpportunityBody, type OpportunityDto } from './validation.js';

/** Every opportunities operation declares this Version (spec/apps/opportunities.json). */
const route = routeBuilder('2021-07-28');

/**
 * The opportunity and pipeline endpoints of spec/apps/opportunities.json. Check order follows GHL's
 * NestJS pipeline: location guard (403) and validation (422) before the handler looks anything up
 * (404 for an unknown opportunity, 400 for an unknown pipeline, stage or contact in a body).
 */
export function opportunityRoutes(store: OpportunityStore, contacts: ContactStore) {
  /** The opportunity as GHL answers it: with the contact summary the spec's response embeds. */
  function decorate(opportunity: SimulatedOpportunity) {
    const contact = opportunity.contactId === undefined ? undefined : contacts.get(opportunity.contactId);
    const summary = contact && { id: contact.id, name: contact.name ?? [contact.firstName, contact.lastName].filter(Boolean).join(' '), companyName: contact.companyName, email: contact.email, phone: contact.phone, tags: contact.tags };
    return structuredClone({ ...opportunity, ...(summary ? { contact: summary } : {}) });
  }

  /** The 400 for a pipeline, stage or contact the location does not have; the stage defaults to the pipeline's first. */
  function resolvePlacement(locationId: string, body: Record<string, unknown>, current?: SimulatedOpportunity): { pipelineId: string; pipelineStageId: string } | { error: SimResponse } {
    const pipelineId = (body['pipelineId'] as string | undefined) ?? current?.pipelineId ?? '';
    const pipeline = store.pipeline(pipelineId);
    if (!pipeline || pipeline.locationId !== locationId) return { error: badRequest('Pipeline not found') };
    const stageId = (body['pipelineStageId'] as string | undefined) ?? (body['pipelineId'] === undefined || body['pipelineId'] === current?.pipelineId ? current?.pipelineStageId : undefined) ?? pipeline.stages[0]?.id;
    if (stageId === undefined || !pipeline.stages.some((stage) => stage.id === stageId)) return { error: badRequest('Pipeline stage not found in this pipeline') };
    const contactId = body['contactId'];
    if (typeof contactId === 'string' && contacts.get(contactId)?.locationId !== locationId) return { error: badRequest('Contact not found') };
    return { pipelineId, pipelineStageId: stageId };
  }

  return [
    // Create: 201 `{opportunity}`.
    route('POST /opportunities/', (context) => {
      const checked = writeBody(context, 'create');
      if ('error' in checked) return checked.error;
      const body = checked.value;
      const placement = resolvePlacement(context.grant.locationId as string, body);
      if ('error' in placement) return placement.error;
      const { locationId: _location, ...fields } = body;
      const created = store.create(context.grant.locationId as string, { ...(fields as OpportunityFields), name: body['name'] as string, ...placement }, context.now);
      return json(201, { opportunity: decorate(created) });
    }),

    // Upsert: 200 `{opportunity, new}`. With `id` it updates that opportunity (404 when unknown);
    // without, it creates one. The spec names no other field to match by.
    route('POST /opportunities/upsert', (context) => {
      const checked = writeBody(context, 'upsert');
      if ('error' in checked) return checked.error;
      const { id, locationId: _location, followers, followersActionType, isRemoveAllFollowers, ...fields } = checked.value;
      const locationId = context.grant.locationId as string;
      const existing = typeof id === 'string' ? accessible(id, context) : undefined;
      if (existing && 'error' in existing) return existing.error;
      const current = existing?.value;
      const placement = resolvePlacement(locationId, fields, current);
      if ('error' in placement) return placement.error;
      const nextFollowers = followersAfter(current?.followers ?? [], followers as string[] | undefined, followersActionType as string | undefined, isRemoveAllFollowers === true);
      const changes = { ...(fields as OpportunityFields), ...placement, followers: nextFollowers };
      if (current) return json(200, { opportunity: decorate(store.apply(current, changes, context.now)), new: false });
      if (typeof fields['name'] !== 'string' || fields['name'] === '') return unprocessable(['name should not be empty']);
      return json(200, { opportunity: decorate(store.create(locationId, { ...changes, name: fields['name'] }, context.now)), new: true });
    }),

    // Search: 200 `{opportunities, meta, aggregations}`; query validated like a DTO.
    route('GET /opportunities/search', (context) => {
      const search = parseSearchQuery(context.query);
      if (Array.isArray(search)) return unprocessable(search);
      if (search.locationId !== context.grant.locationId) return forbiddenLocation();
      return json(200, searchOpportunities(store.list(search.locationId), search, decorate));
    }),

    // Pipelines: 200 `{pipelines}`, query `locationId` (required).
    route('GET /opportunities/pipelines', (context) => {
      const locationId = context.query.get('locationId');
      if (!locationId) return unprocessable(['locationId should not be empty']);
      if (locationId !== context.grant.locationId) return forbiddenLocation();
      return json(200, { pipelines: structuredClone(store.listPipelines(locationId)) });
    }),

    route('GET /opportunities/:id', (context) => {
      const found = accessible(context.params['id'] ?? '', context);
      return 'error' in found ? found.error : json(200, { opportunity: decorate(found.value) });
    }),

    // Update: 200 `{opportunity}`; moving stage or pipeline is checked against the location's pipelines.
    route('PUT /opportunities/:id', (context) => {
      const checked = validBody(context, 'update');
      if ('error' in checked) return checked.error;
      const found = accessible(context.params['id'] ?? '', context);
      if ('error' in found) return found.error;
      const placement = resolvePlacement(found.value.locationId, checked.value, found.value);
      if ('error' in placement) return placement.error;
      return json(200, { opportunity: decorate(store.apply(found.value, { ...(checked.value as OpportunityFields), ...placement }, context.now)) });
    }),

    // Status: 200 `{succeded}` (sic, the spec's spelling).
    route('PUT /opportunities/:id/status', (context) => {
      const checked = validBody(context, 'status');
      if ('error' in checked) return checked.error;
      const found = accessible(context.params['id'] ?? '', context);
      if ('error' in found) return found.error;
      store.apply(found.value, checked.value as OpportunityFields, context.now);
      return json(200, { succeded: true });
    }),

    route('DELETE /opportunities/:id', (context) => {
      const found = accessible(context.params['id'] ?? '', context);
      if ('error' in found) return found.error;
      store.delete(found.value.id);
      return json(200, { succeded: true });
    }),
  ];

  /**
   * The opportunity `id` names, or the error to send: 404 for an unknown id (the spec declares only
   * 400/401/422; 404 is what GHL's NestJS services answer for a missing record, as for contacts),
   * 403 for another location's.
   */
  function accessible(id: string, context: ApiContext): Checked<SimulatedOpportunity> {
    const opportunity = store.get(id);
    if (!opportunity) return { error: notFound('Opportunity not found') };
    return opportunity.locationId === context.grant.locationId ? { value: opportunity } : { error: forbiddenLocation() };
  }
}

/** Followers after an upsert's `followers` + `followersActionType` (+ `isRemoveAllFollowers`). */
function followersAfter(current: string[], followers: string[] | undefined, action: string | undefined, removeAll: boolean): string[] {
  if (removeAll) return [];
  if (!followers) return current;
  return action === 'remove' ? current.filter((user) => !followers.includes(user)) : [...new Set([...current, ...followers])];
}

/** A create/upsert body naming the token's own location and passing validation, or the error to send. */
function writeBody(context: ApiContext, dto: OpportunityDto): Checked<Record<string, unknown>> {
  const checked = objectBody(context);
  if ('error' in checked) return checked;
  const body = checked.value;
  const locationId = body['locationId'];
  if (typeof locationId === 'string' && locationId !== '' && locationId !== context.grant.locationId) return { error: forbiddenLocation() };
  const messages = validateOpportunityBody(body, dto);
  if (messages.length > 0) return { error: unprocessable(messages) };
  return body['locationId'] === context.grant.locationId ? { value: body } : { error: forbiddenLocation() };
}

/** A body that passes `dto`'s validation, or the error to send. */
function validBody(context: ApiContext, dto: OpportunityDto): Checked<Record<string, unknown>> {
  return checkedBody(context, (body) => validateOpportunityBody(body, dto));
}
