import * as z from 'zod/mini';
import { eventSchema, optionalNumber, optionalString, type WebhookEnvelope } from './common.js';

/*
 * Opportunity events, from GHL's seven Opportunity* pages
 * (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events): all carry the
 * same opportunity fields.
 */

/** The opportunity every opportunity event carries. */
export interface WebhookOpportunity extends WebhookEnvelope {
  locationId: string;
  /** The opportunity id. */
  id: string;
  /** User id. */
  assignedTo?: string | null | undefined;
  contactId?: string | null | undefined;
  monetaryValue?: number | null | undefined;
  name?: string | null | undefined;
  pipelineId?: string | null | undefined;
  pipelineStageId?: string | null | undefined;
  source?: string | null | undefined;
  /** e.g. `open`, `won`, `lost`, `abandoned`. */
  status?: string | null | undefined;
  dateAdded?: string | null | undefined;
}

export interface OpportunityCreateEvent extends WebhookOpportunity {
  type: 'OpportunityCreate';
}
export interface OpportunityUpdateEvent extends WebhookOpportunity {
  type: 'OpportunityUpdate';
}
export interface OpportunityDeleteEvent extends WebhookOpportunity {
  type: 'OpportunityDelete';
}
export interface OpportunityStageUpdateEvent extends WebhookOpportunity {
  type: 'OpportunityStageUpdate';
}
export interface OpportunityStatusUpdateEvent extends WebhookOpportunity {
  type: 'OpportunityStatusUpdate';
}
export interface OpportunityMonetaryValueUpdateEvent extends WebhookOpportunity {
  type: 'OpportunityMonetaryValueUpdate';
}
export interface OpportunityAssignedToUpdateEvent extends WebhookOpportunity {
  type: 'OpportunityAssignedToUpdate';
}

const opportunityShape = {
  locationId: z.string(),
  id: z.string(),
  assignedTo: optionalString,
  contactId: optionalString,
  monetaryValue: optionalNumber,
  name: optionalString,
  pipelineId: optionalString,
  pipelineStageId: optionalString,
  source: optionalString,
  status: optionalString,
  dateAdded: optionalString,
};

export const opportunityCreateSchema: z.ZodMiniType<OpportunityCreateEvent> = eventSchema('OpportunityCreate', opportunityShape);
export const opportunityUpdateSchema: z.ZodMiniType<OpportunityUpdateEvent> = eventSchema('OpportunityUpdate', opportunityShape);
export const opportunityDeleteSchema: z.ZodMiniType<OpportunityDeleteEvent> = eventSchema('OpportunityDelete', opportunityShape);
export const opportunityStageUpdateSchema: z.ZodMiniType<OpportunityStageUpdateEvent> = eventSchema('OpportunityStageUpdate', opportunityShape);
export const opportunityStatusUpdateSchema: z.ZodMiniType<OpportunityStatusUpdateEvent> = eventSchema('OpportunityStatusUpdate', opportunityShape);
export const opportunityMonetaryValueUpdateSchema: z.ZodMiniType<OpportunityMonetaryValueUpdateEvent> = eventSchema('OpportunityMonetaryValueUpdate', opportunityShape);
export const opportunityAssignedToUpdateSchema: z.ZodMiniType<OpportunityAssignedToUpdateEvent> = eventSchema('OpportunityAssignedToUpdate', opportunityShape);
