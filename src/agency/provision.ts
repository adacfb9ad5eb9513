import { GHLAbortError, GHLReauthRequiredError, GHLTokenStoreError } from '../errors.js';
import { describeError } from '../logger.js';
import type { InstalledLocation, ProvisionFailure, ProvisionOptions, ProvisionReport } from './types.js';

export interface ProvisionDeps {
  installed: AsyncIterable<InstalledLocation>;
  /** Makes sure the location holds a usable token: minted (and stored) unless it already has one. */
  ensureToken: (locationId: string) => Promise<void>;
}

/**
 * Mints and stores a token for every installed location, `concurrency` at a time. Locations are
 * pulled one at a time from the listing (never collected). A location that fails is reported and the
 * rest go on; what no other location could survive (the company token rejected, the token store
 * down, the caller's abort) stops the run and is thrown.
 */
export async function provisionLocations(deps: ProvisionDeps, options: ProvisionOptions): Promise<ProvisionReport> {
  const concurrency = options.concurrency ?? 5;
  const iterator = deps.installed[Symbol.asyncIterator]();
  const report: ProvisionReport = { total: 0, ok: [], failed: [] };
  let fatal: { error: unknown } | undefined;
  let pulling: Promise<IteratorResult<InstalledLocation>> = Promise.resolve({ done: false, value: undefined as never });

  // Pulls are chained: an async generator must not be asked for two items at once.
  const next = (): Promise<IteratorResult<InstalledLocation>> => (pulling = pulling.then(() => iterator.next()));

  const worker = async (): Promise<void> => {
    while (!fatal) {
      const item = await next();
      if (item.done || fatal) return;
      const locationId = item.value.id;
      report.total++;
      try {
        await deps.ensureToken(locationId);
        report.ok.push(locationId);
        options.onProgress?.({ locationId, ok: true, done: report.ok.length + report.failed.length, failed: report.failed.length });
      } catch (error) {
        if (isFatal(error)) {
          fatal ??= { error };
          return;
        }
        const failure: ProvisionFailure = { locationId, message: describeError(error), error };
        report.failed.push(failure);
        options.onProgress?.({ locationId, ok: false, done: report.ok.length + report.failed.length, failed: report.failed.length });
      }
    }
  };

  const workers = Array.from({ length: concurrency }, () => worker());
  const settled = await Promise.allSettled(workers);
  // A failed listing (a page request) ends every worker the same way: thrown once.
  const listingFailure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (fatal) {
    await iterator.return?.();
    throw fatal.error;
  }
  if (listingFailure) throw listingFailure.reason;
  return report;
}

/** Failures that would fail every other location too. */
function isFatal(error: unknown): boolean {
  return error instanceof GHLReauthRequiredError || error instanceof GHLTokenStoreError || error instanceof GHLAbortError;
}
