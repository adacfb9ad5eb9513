import * as z from 'zod/mini';
import { eventSchema, optionalBoolean, optionalNumber, optionalString, type WebhookEnvelope } from './common.js';

/*
 * App lifecycle events, from GHL's AppInstall, AppUninstall and PlanChange pages
 * (https://github.com/GoHighLevel/highlevel-api-docs/tree/main/docs/webhook%20events). They go to the
 * app's Default Webhook URL only (docs/ghl-api.md §7, §12).
 */

/**
 * The app was installed. A location install carries `locationId`; an agency install only
 * `companyId`. `userId`/`companyId` may be missing for installs to future locations.
 */
export interface InstallEvent extends WebhookEnvelope {
  type: 'INSTALL';
  appId: string;
  locationId?: string | null | undefined;
  companyId?: string | null | undefined;
  userId?: string | null | undefined;
  planId?: string | null | undefined;
  trial?: { onTrial?: boolean | null | undefined; trialDuration?: number | null | undefined; trialStartDate?: string | null | undefined } | null | undefined;
  isWhitelabelCompany?: boolean | null | undefined;
  whitelabelDetails?: { domain?: string | null | undefined; logoUrl?: string | null | undefined } | null | undefined;
  companyName?: string | null | undefined;
}

/** The app was uninstalled from a location (`locationId`) or an agency (`companyId` only). */
export interface UninstallEvent extends WebhookEnvelope {
  type: 'UNINSTALL';
  appId: string;
  locationId?: string | null | undefined;
  companyId?: string | null | undefined;
}

/** A paid app's plan changed. */
export interface PlanChangeEvent extends WebhookEnvelope {
  type: 'PLAN_CHANGE';
  appId: string;
  locationId?: string | null | undefined;
  companyId?: string | null | undefined;
  userId?: string | null | undefined;
  currentPlanId?: string | null | undefined;
  newPlanId?: string | null | undefined;
}

export const installSchema: z.ZodMiniType<InstallEvent> = eventSchema('INSTALL', {
  appId: z.string(),
  locationId: optionalString,
  companyId: optionalString,
  userId: optionalString,
  planId: optionalString,
  trial: z.optional(z.nullable(z.looseObject({ onTrial: optionalBoolean, trialDuration: optionalNumber, trialStartDate: optionalString }))),
  isWhitelabelCompany: optionalBoolean,
  whitelabelDetails: z.optional(z.nullable(z.looseObject({ domain: optionalString, logoUrl: optionalString }))),
  companyName: optionalString,
});

export const uninstallSchema: z.ZodMiniType<UninstallEvent> = eventSchema('UNINSTALL', {
  appId: z.string(),
  locationId: optionalString,
  companyId: optionalString,
});

export const planChangeSchema: z.ZodMiniType<PlanChangeEvent> = eventSchema('PLAN_CHANGE', {
  appId: z.string(),
  locationId: optionalString,
  companyId: optionalString,
  userId: optionalString,
  currentPlanId: optionalString,
  newPlanId: optionalString,
});
