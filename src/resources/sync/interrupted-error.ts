import { brand, GHLError } from '../../errors.js';
import { describeError } from '../../logger.js';
import type { BulkSyncReport } from './bulk-options.js';

/**
 * A bulk sync stopped before the end of its input: the caller aborted it, or an error no later row
 * could escape (re-authorization needed, credentials refused, network or token store down, GHL's
 * window shut through every retry) is its `cause`. The checkpoint, when one was given, is saved: a
 * re-run with it resumes. `report` holds the totals so far.
 */
export class GHLSyncInterruptedError<T = unknown> extends GHLError {
  static {
    brand(this, 'GHLSyncInterruptedError');
  }

  readonly report: BulkSyncReport<T>;

  constructor(report: BulkSyncReport<T>, options: { cause: unknown }) {
    super(`Bulk sync stopped after ${report.created + report.updated + report.failed.length} row(s): ${describeError(options.cause)}`, options);
    this.report = report;
  }
}
