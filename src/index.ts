// The public API of ghl-sdk. Everything not exported here is internal and may change.
export { GHLClient } from './client.js';
export type { ClientStatus } from './client.js';
export type { GHLRequest } from './raw-request.js';
export type { SelfTestReport, SelfTestStep } from './self-test.js';
export type { FetchLike, GHLClientOptions, RefreshPolicy, RetryOptions } from './options.js';
export type { GHLLogger } from './logger.js';
export type { CallOptions, HttpMethod, QueryValue } from './http/transport.js';
export type { RateLimitSnapshot } from './http/rate-limit.js';

export type { TokenSet } from './auth/token-set.js';
export type { GHLTokens, TokenStatus } from './auth/tokens-api.js';
export type { AuthorizationUrl, AuthorizationUrlParams } from './auth/oauth.js';
export type { TokenStore } from './stores/token-store.js';
export { MemoryTokenStore } from './stores/memory.js';
export { EnvTokenStore } from './stores/env.js';
export type { EnvTokenStoreOptions } from './stores/env.js';
export { DurableEnvTokenStore } from './stores/durable-env.js';
export type { DurableEnvTokenStoreOptions } from './stores/durable-env.js';
export { FileTokenStore } from './stores/file.js';
export type { FileTokenStoreOptions } from './stores/file.js';
export type { FileLockOptions } from './stores/file-lock.js';

export type { Contacts } from './resources/contacts/contacts.js';
export type { Sync, AppUser, NewsletterSubscriber, SyncNewsletterOptions, SyncUserOptions, SyncUsersOptions, SyncNewslettersOptions } from './resources/sync.js';
export type { SyncSource, BulkSyncOptions, BulkSyncProgress, BulkSyncReport, BulkSyncFailure } from './resources/sync/bulk-options.js';
export { FileCheckpointStore } from './resources/sync/checkpoint.js';
export type { CheckpointStore, SyncCheckpoint, CheckpointFailure } from './resources/sync/checkpoint.js';
export { GHLSyncInterruptedError } from './resources/sync/interrupted-error.js';

export { MemoryRateLimitBudget } from './rate-limit/memory-budget.js';
export type { RateLimitBudget, AcquireOptions, RequestPriority } from './rate-limit/budget.js';
export type { RateLimitOptions } from './rate-limit/limiter.js';
export type { RateLimitWindow } from './rate-limit/window.js';
export type { OAuth, ExchangeCodeOptions, ExchangedCode } from './resources/oauth.js';
export type { InstallDetails } from './auth/install-details.js';
export { GHLCompanyClient } from './agency/company-client.js';
export { companyKey } from './agency/keys.js';
export type { CompanyLocations } from './agency/locations.js';
export type * from './agency/types.js';
export type * from './resources/contacts/types.js';
export type { Opportunities, Pipelines } from './resources/opportunities/index.js';
export type * from './resources/opportunities/types.js';
export type { Calendars, CalendarEvents, Appointments, AppointmentNotes } from './resources/calendars/index.js';
export type * from './resources/calendars/types.js';
export type { Conversations, Messages } from './resources/conversations/index.js';
export type * from './resources/conversations/types.js';
export type { GHLApi } from './api/api.js';
export type { ApiBody, ApiMethod, ApiPath, ApiQuery, ApiRequestOptions, ApiResult } from './api/types.js';
export type { SearchContactsBody, SearchContactsResponse } from './api/overrides.js';
export type { ContactNotes, ContactTasks, ContactWorkflows } from './resources/contacts/index.js';
export type * from './resources/contacts/activity-types.js';
export type { Users } from './resources/users/index.js';
export type * from './resources/users/types.js';
export type { Locations, LocationCustomFields, LocationCustomValues, LocationTags } from './resources/locations/index.js';
export type * from './resources/locations/types.js';
export type { Workflows } from './resources/workflows/index.js';
export type * from './resources/workflows/types.js';

export {
  GHLError,
  GHLConfigError,
  GHLValidationError,
  GHLReauthRequiredError,
  GHLConnectionError,
  GHLTimeoutError,
  GHLResponseError,
  GHLApiError,
  GHLBadRequestError,
  GHLDuplicateContactError,
  GHLAuthenticationError,
  GHLForbiddenError,
  GHLNotFoundError,
  GHLUnprocessableError,
  GHLRateLimitError,
  GHLServerError,
  GHLAbortError,
  GHLTokenStoreError,
} from './errors.js';
export type { ValidationIssue, TokenStoreOperation } from './errors.js';
export { GHLScopeError } from './errors.js';

export { createGHLContact, syncToCompanyGHL, getDefaultClient, setDefaultClient } from './compat.js';
export type { GHLContactData, CompatUser } from './compat.js';
