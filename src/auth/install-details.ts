/**
 * What the code exchange says about an install besides the tokens (`GetAccessCodeSuccessfulResponseDto`,
 * docs/ghl-api.md §1.2): for an agency (Company) install, which locations were approved and whether it
 * was a bulk install. Never stored with the tokens: it describes the install, not the credentials.
 */
export interface InstallDetails {
  /** The user who installed the app. */
  userId?: string | undefined;
  /** Locations the agency approved the app for (Company installs). */
  approvedLocations?: string[] | undefined;
  /** The agency installed the app to many locations at once. */
  isBulkInstallation?: boolean | undefined;
  /** New locations of the agency get the app too. */
  installToFutureLocations?: boolean | undefined;
  /** Every location of the agency was approved. */
  approveAllLocations?: boolean | undefined;
  /** The plan of a paid app. */
  planId?: string | undefined;
}

/** Reads the install fields leniently: a field of the wrong type is left out, never a failure (the code is spent). */
export function readInstallDetails(body: unknown): InstallDetails {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const record = body as Record<string, unknown>;
  const details: InstallDetails = {};
  const string = (name: 'userId' | 'planId') => {
    const value = record[name];
    if (typeof value === 'string' && value !== '') details[name] = value;
  };
  const flag = (name: 'isBulkInstallation' | 'installToFutureLocations' | 'approveAllLocations') => {
    const value = record[name];
    if (typeof value === 'boolean') details[name] = value;
  };
  string('userId');
  string('planId');
  flag('isBulkInstallation');
  flag('installToFutureLocations');
  flag('approveAllLocations');
  const approved = record['approvedLocations'];
  if (Array.isArray(approved)) details.approvedLocations = approved.filter((id): id is string => typeof id === 'string' && id !== '');
  return details;
}
