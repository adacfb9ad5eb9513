/**
 * Token-store keys. A location's tokens live under its location id, as they always have; an agency's
 * (Company) tokens under `company:<companyId>`. GHL ids are alphanumeric (`ve9EPM428h8vShlRW1KT`),
 * and the SDK refuses a location id that starts with `company:`, so the two can never meet in one
 * store: a company token can never overwrite a location's, nor the other way round.
 */
export const COMPANY_KEY_PREFIX = 'company:';

export function companyKey(companyId: string): string {
  return `${COMPANY_KEY_PREFIX}${companyId}`;
}

export function isCompanyKey(key: string): boolean {
  return key.startsWith(COMPANY_KEY_PREFIX);
}

/** The app id GHL's install endpoints take: marketplace client ids are `<appId>-<suffix>` (docs/ghl-api.md §12). */
export function appIdOf(clientId: string): string {
  return clientId.split('-')[0] ?? clientId;
}
