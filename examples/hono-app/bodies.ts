import { GHLValidationError, type ValidationIssue } from 'ghl-sdk';

export interface SyncUserBody {
  user_id: string;
  sync_type: 'basic' | 'full_account';
}

export interface SyncNewsletterBody {
  email: string;
  name?: string;
}

/**
 * The request bodies, checked by hand to keep the example dependency-free. Failures are
 * `GHLValidationError`s, so they map to the same 400 (with field names) as the SDK's own.
 */
export function parseSyncUserBody(body: unknown): SyncUserBody {
  const record = asRecord(body);
  const issues: ValidationIssue[] = [];
  const userId = record['user_id'];
  const syncType = record['sync_type'] ?? 'full_account';
  if (typeof userId !== 'string' || userId.trim() === '') issues.push({ path: 'user_id', message: 'a non-empty string is required' });
  if (syncType !== 'basic' && syncType !== 'full_account') issues.push({ path: 'sync_type', message: "must be 'basic' or 'full_account'" });
  throwIfAny(issues);
  return { user_id: userId as string, sync_type: syncType as SyncUserBody['sync_type'] };
}

/** `email` is checked by `ghl.sync.newsletter` itself; here only the shape. */
export function parseSyncNewsletterBody(body: unknown): SyncNewsletterBody {
  const record = asRecord(body);
  const issues: ValidationIssue[] = [];
  const { email, name } = record;
  if (typeof email !== 'string') issues.push({ path: 'email', message: 'a string is required' });
  if (name !== undefined && typeof name !== 'string') issues.push({ path: 'name', message: 'must be a string' });
  throwIfAny(issues);
  return name === undefined ? { email: email as string } : { email: email as string, name: name as string };
}

function asRecord(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GHLValidationError('The request body must be a JSON object', [{ path: '(body)', message: 'must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

function throwIfAny(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new GHLValidationError(`Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
}
