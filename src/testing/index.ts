/**
 * `ghl-sdk/testing`: a faithful local GHL for your tests, and a conformance kit for custom token
 * stores. The msw flavour of the simulator lives in `ghl-sdk/testing/msw`, so this entry never loads msw.
 */
export { createGHLSimulator } from './simulator/server.js';
export type { GHLSimulator, GHLSimulatorOptions } from './simulator/server.js';
export type { GHLSimulationOptions, GHLRateLimitOptions } from './simulator/options.js';
export type { GHLSimulatorControl, IssueTokensOptions, IssueAuthorizationCodeOptions } from './simulator/control.js';
export type { GHLSimulatorContacts } from './simulator/areas/contacts/control.js';
export type { GHLSimulatorCalendars } from './simulator/areas/calendars/control.js';
export type { GHLSimulatorConversations } from './simulator/areas/conversations/control.js';
export type { SimulatedCalendar } from './simulator/areas/calendars/store.js';
export type { GHLSimulatorOpportunities, GHLSimulatorPipelines } from './simulator/areas/opportunities/control.js';
export type { SimulatedOpportunity, SimulatedPipeline, SimulatedStage } from './simulator/areas/opportunities/store.js';
export type { GHLSimulatorStats } from './simulator/stats.js';
export type { GHLFault, GHLRoute } from './simulator/faults.js';
export type { IssuedTokens } from './simulator/tokens.js';
export type { SimulatedContact, SimulatedDndSetting } from './simulator/areas/contacts/store.js';
export type { GHLSimulatorWebhookControl, UninstallOptions } from './simulator/webhook-control.js';
export type { GHLSimulatorWebhooks, GHLWebhookFault, GHLWebhookFaultKind, GHLWebhookDelivery, SimulatedWebhookEvent, DeliverWebhookOptions } from './simulator/webhook-sender.js';
export type { GHLSimulatorContactActivity } from './simulator/areas/contact-activity/control.js';
export type { SimulatedNote, SimulatedTask, SimulatedEnrolment } from './simulator/areas/contact-activity/store.js';
export type { GHLSimulatorUsers } from './simulator/areas/users/control.js';
export type { SimulatedUser, UserSeed } from './simulator/areas/users/store.js';
export type { GHLSimulatorLocations } from './simulator/areas/locations/control.js';
export type { SimulatedLocation, SimulatedCustomField, SimulatedCustomValue, SimulatedTag } from './simulator/areas/locations/store.js';
export type { GHLSimulatorWorkflows } from './simulator/areas/workflows/control.js';
export type { SimulatedWorkflow } from './simulator/areas/workflows/store.js';
export { verifyTokenStore } from './verify-token-store.js';
export type { VerifyTokenStoreOptions, StoreReport, StoreCheck } from './verify-token-store.js';
