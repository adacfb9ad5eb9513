import * as z from 'zod/mini';
import type { GHLError } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { CheckpointStore } from './checkpoint.js';

/** Rows for a bulk sync: an array, any iterable, or an async iterable (a stream is read as it goes, never collected). */
export type SyncSource<T> = Iterable<T> | AsyncIterable<T>;

/** Where a bulk sync stands; passed to `onProgress` after every row. */
export interface BulkSyncProgress {
  /** Rows done, those done by an earlier run from the same checkpoint included. */
  done: number;
  /** Rows in the input, when known (an array's length, or the `total` option). */
  total: number | undefined;
  created: number;
  updated: number;
  failed: number;
  /** Rows skipped because the checkpoint had them done. */
  skipped: number;
  /** Rows per second in this run. */
  ratePerSec: number;
  /** Time left at this run's rate, when `total` is known. */
  etaMs: number | undefined;
  /** 429 answers GHL sent for this location during the run (0 when pacing works). */
  rateLimited: number;
}

export interface BulkSyncFailure<T> {
  /** The row's position in the input, from 0. */
  index: number;
  input: T;
  /** `GHLValidationError` (with `issues[].path` naming each bad field) for a bad row, else what GHL answered. */
  error: GHLError;
}

export interface BulkSyncReport<T> {
  /** Rows in the input (those skipped by the checkpoint included). */
  total: number;
  /** Contacts created, in this run and in earlier runs from the same checkpoint. */
  created: number;
  updated: number;
  /** Bad rows and rows GHL refused, in input order. */
  failed: Array<BulkSyncFailure<T>>;
  /** Rows skipped because the checkpoint had them done. */
  skipped: number;
  /** With `dryRun`: rows that passed validation (nothing was sent). */
  valid: number;
  dryRun: boolean;
  durationMs: number;
  /** 429 answers GHL sent during this run. */
  rateLimited: number;
}

export interface BulkSyncOptions {
  /** Rows in flight at once. The rate limiter paces them to GHL's window; more only hides latency. Default 10 (1–100). */
  concurrency?: number | undefined;
  /** Called after every row. Keep it cheap; it runs on the sync's path. */
  onProgress?: ((progress: BulkSyncProgress) => void) | undefined;
  /** Stops the sync: rows in flight are aborted, the checkpoint is saved, and `GHLSyncInterruptedError` is thrown. */
  signal?: AbortSignal | undefined;
  /**
   * A file path (JSON, replaced atomically) or a `CheckpointStore`. Progress is saved every
   * `checkpointEvery` rows and when the run ends or stops; a re-run with the same input and
   * checkpoint skips the rows done and ends with the same totals.
   */
  checkpoint?: string | CheckpointStore | undefined;
  /** Rows between checkpoint saves. Default 100. */
  checkpointEvery?: number | undefined;
  /** Validate every row (naming row and field) and send nothing. Default false. */
  dryRun?: boolean | undefined;
  /** The number of rows, for progress and ETA, when the input is not an array. */
  total?: number | undefined;
}

export const BULK_DEFAULTS = { concurrency: 10, checkpointEvery: 100 } as const;

const BULK_KEYS = ['concurrency', 'onProgress', 'signal', 'checkpoint', 'checkpointEvery', 'dryRun', 'total'] as const;

const bulkSchema = z.object({
  concurrency: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  onProgress: z.optional(z.custom<(progress: BulkSyncProgress) => void>((v) => typeof v === 'function', 'must be a function')),
  signal: z.optional(z.custom<AbortSignal>((v) => v instanceof AbortSignal, 'must be an AbortSignal')),
  checkpoint: z.optional(
    z.union([
      z.string().check(z.minLength(1)),
      z.custom<CheckpointStore>((v) => typeof (v as CheckpointStore)?.load === 'function' && typeof (v as CheckpointStore)?.save === 'function', 'must be a path or a CheckpointStore'),
    ]),
  ),
  checkpointEvery: z.optional(z.number().check(z.int(), z.minimum(1))),
  dryRun: z.optional(z.boolean()),
  total: z.optional(z.number().check(z.int(), z.minimum(0))),
});

/** Splits bulk options from the per-row sync options and validates the bulk ones. */
export function splitBulkOptions<O extends BulkSyncOptions>(options: O): { bulk: BulkSyncOptions; rowOptions: Omit<O, (typeof BULK_KEYS)[number]> } {
  const bulk: Record<string, unknown> = {};
  const rowOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if ((BULK_KEYS as readonly string[]).includes(key)) bulk[key] = value;
    else rowOptions[key] = value;
  }
  return { bulk: parseInput(bulkSchema, bulk, 'bulk sync options') as BulkSyncOptions, rowOptions: rowOptions as Omit<O, (typeof BULK_KEYS)[number]> };
}
