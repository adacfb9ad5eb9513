import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  GHLAbortError,
  GHLAuthenticationError,
  GHLConfigError,
  GHLConnectionError,
  GHLError,
  GHLForbiddenError,
  GHLRateLimitError,
  GHLReauthRequiredError,
  GHLTokenStoreError,
  GHLValidationError,
} from '../../errors.js';
import type { CallOptions } from '../../http/transport.js';
import type { BulkSyncFailure, BulkSyncOptions, BulkSyncProgress, BulkSyncReport, SyncSource } from './bulk-options.js';
import { BULK_DEFAULTS } from './bulk-options.js';
import { GHLSyncInterruptedError } from './interrupted-error.js';
import { DoneRows, restoreError, serializeFailure, toCheckpointStore, type CheckpointStore, type SyncCheckpoint } from './checkpoint.js';

/** How one kind of row is synced: validate first (throws `GHLValidationError`), then send. */
export interface RowSync<T, Prepared> {
  prepare(row: T): Prepared;
  send(prepared: Prepared, call: CallOptions): Promise<{ created: boolean }>;
}

export interface BulkSyncContext {
  /** Hashed with the first row into the checkpoint's fingerprint: the kind of sync and its options. */
  settings: unknown;
  /** 429s seen so far for this location. */
  rateLimited: () => number;
}

/**
 * Errors that no later row can escape: the credentials are gone or refused, the network or the
 * token store is down, GHL's window stayed shut through every retry, or the caller stopped the
 * run. The sync stops, saves its checkpoint and throws; a re-run resumes where it stopped.
 */
function isFatal(error: unknown): boolean {
  if (!(error instanceof GHLError)) return true;
  return [GHLReauthRequiredError, GHLAuthenticationError, GHLForbiddenError, GHLConfigError, GHLTokenStoreError, GHLRateLimitError, GHLConnectionError, GHLAbortError].some(
    (fatal) => error instanceof fatal,
  );
}

function fingerprint(settings: unknown, firstRow: unknown): string {
  return createHash('sha256').update(JSON.stringify({ settings, firstRow })).digest('hex').slice(0, 32);
}

async function* rowsOf<T>(source: SyncSource<T>): AsyncGenerator<T> {
  yield* source;
}

/**
 * The bulk engine behind `sync.users` and the bulk `sync.newsletter`: `concurrency` workers pull
 * rows one at a time from the source (so a stream is never collected), each row is one idempotent
 * upsert (+ tags) through the location's rate limiter, failures are collected by row, and the
 * checkpoint records which rows are done.
 */
export async function runBulkSync<T, Prepared>(source: SyncSource<T>, options: BulkSyncOptions, rowSync: RowSync<T, Prepared>, context: BulkSyncContext): Promise<BulkSyncReport<T>> {
  const started = performance.now();
  const rateLimitedAtStart = context.rateLimited();
  const dryRun = options.dryRun ?? false;
  const store: CheckpointStore | undefined = options.checkpoint === undefined || dryRun ? undefined : toCheckpointStore(options.checkpoint);
  const saved = await store?.load();
  const done = new DoneRows(saved?.doneBelow, saved?.doneAbove);
  const failures = new Map<number, BulkSyncFailure<T>>((saved?.failed ?? []).map((f) => [f.index, { index: f.index, input: f.input as T, error: restoreError(f.error) }]));
  const counts = { created: saved?.created ?? 0, updated: saved?.updated ?? 0, valid: 0, skipped: 0, processed: 0, seen: 0 };
  const knownTotal = options.total ?? (Array.isArray(source) ? source.length : undefined);
  let runFingerprint = saved?.fingerprint;

  // The caller's abort stops new rows; rows in flight finish, so none is left half done (upserted
  // but not tagged) to count as "updated" on the re-run. A fatal error also aborts rows in flight.
  const stop = new AbortController();
  const cancel = new AbortController();
  const concurrency = options.concurrency ?? BULK_DEFAULTS.concurrency;
  // Every row in flight listens on it a few times (the rate-limit queue, the request, a retry wait).
  setMaxListeners(concurrency * 8, cancel.signal);
  const onCallerAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  let fatal: unknown;
  const call: CallOptions = { signal: cancel.signal, priority: 'bulk' };

  const checkpoint = (complete: boolean): SyncCheckpoint => ({
    version: 1,
    fingerprint: runFingerprint ?? fingerprint(context.settings, undefined),
    doneBelow: done.doneBelow,
    doneAbove: done.doneAbove,
    created: counts.created,
    updated: counts.updated,
    failed: [...failures.values()].sort((a, b) => a.index - b.index).map((f) => serializeFailure(f.index, f.input, f.error)),
    complete,
  });
  // Saves run one after another, each with the state of the moment it was asked for.
  let saving: Promise<void> = Promise.resolve();
  let sinceSave = 0;
  const save = (complete: boolean): Promise<void> => {
    if (!store) return saving;
    const snapshot = checkpoint(complete);
    sinceSave = 0;
    saving = saving.then(() => store.save(snapshot));
    return saving;
  };

  const progress = (): BulkSyncProgress => {
    const elapsedSec = (performance.now() - started) / 1000;
    const ratePerSec = elapsedSec > 0 ? counts.processed / elapsedSec : 0;
    const doneCount = counts.skipped + counts.processed;
    const total = knownTotal;
    return {
      done: doneCount,
      total,
      created: counts.created,
      updated: counts.updated,
      failed: failures.size,
      skipped: counts.skipped,
      ratePerSec,
      etaMs: total !== undefined && ratePerSec > 0 ? Math.max(0, Math.round(((total - doneCount) / ratePerSec) * 1000)) : undefined,
      rateLimited: context.rateLimited() - rateLimitedAtStart,
    };
  };

  const rows = rowsOf(source)[Symbol.asyncIterator]();
  // Pulls are serialised: the index of a row is its position in the input, whatever the source.
  let pulling: Promise<unknown> = Promise.resolve();
  const pull = (): Promise<{ index: number; row: T } | undefined> => {
    const next = pulling.then(async () => {
      if (stop.signal.aborted) return undefined;
      const result = await rows.next();
      if (result.done) return undefined;
      const index = counts.seen++;
      if (index === 0) {
        const fresh = fingerprint(context.settings, result.value);
        if (runFingerprint !== undefined && runFingerprint !== fresh) {
          throw new GHLConfigError('The checkpoint was written for another input or other sync options; delete it to start over');
        }
        runFingerprint = fresh;
      }
      return { index, row: result.value };
    });
    pulling = next.catch(() => undefined);
    return next;
  };

  const fail = (index: number, input: T, error: GHLError) => {
    failures.set(index, { index, input, error });
  };

  const syncRow = async (index: number, row: T): Promise<void> => {
    let prepared: Prepared;
    try {
      prepared = rowSync.prepare(row);
    } catch (error) {
      if (!(error instanceof GHLValidationError)) throw error;
      fail(index, row, error);
      return;
    }
    if (dryRun) {
      counts.valid++;
      return;
    }
    try {
      const { created } = await rowSync.send(prepared, call);
      if (created) counts.created++;
      else counts.updated++;
    } catch (error) {
      if (cancel.signal.aborted || isFatal(error)) throw error;
      fail(index, row, error as GHLError);
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await pull();
      if (!next) return;
      if (done.has(next.index)) {
        counts.skipped++;
        continue;
      }
      await syncRow(next.index, next.row);
      done.add(next.index);
      counts.processed++;
      options.onProgress?.(progress());
      if (++sinceSave >= (options.checkpointEvery ?? BULK_DEFAULTS.checkpointEvery)) void save(false).catch(stopWith);
    }
  };
  const stopWith = (error: unknown) => {
    // The first cause wins; rows aborted because of it are not failures.
    fatal ??= error;
    stop.abort(error);
    cancel.abort(error);
  };

  const workers = Array.from({ length: concurrency }, () => worker().catch(stopWith));
  await Promise.all(workers);
  options.signal?.removeEventListener('abort', onCallerAbort);
  const interrupted = stop.signal.aborted;
  try {
    await save(!interrupted);
  } catch (error) {
    stopWith(error);
  }
  const last = progress();
  const report: BulkSyncReport<T> = {
    total: Math.max(counts.seen, done.doneBelow),
    created: counts.created,
    updated: counts.updated,
    failed: [...failures.values()].sort((a, b) => a.index - b.index),
    skipped: counts.skipped,
    valid: counts.valid,
    dryRun,
    durationMs: Math.round(performance.now() - started),
    rateLimited: last.rateLimited,
  };
  if (interrupted || fatal !== undefined) {
    const cause = fatal ?? new GHLAbortError('The bulk sync was aborted', { cause: options.signal?.reason });
    await rows.return?.(undefined);
    throw new GHLSyncInterruptedError(report, { cause });
  }
  options.onProgress?.(last);
  return report;
}
