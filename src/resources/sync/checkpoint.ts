import { GHLConfigError, GHLError, GHLValidationError, type ValidationIssue } from '../../errors.js';
import { readTextIfExists, writeFileAtomic } from '../../stores/atomic-file.js';

/** A row that failed, as a checkpoint keeps it (JSON: errors travel as name, message and issues). */
export interface CheckpointFailure {
  index: number;
  input: unknown;
  error: { name: string; message: string; issues?: ValidationIssue[] | undefined };
}

/** What a bulk sync saves as it goes, enough for a re-run to skip every row already done. */
export interface SyncCheckpoint {
  version: 1;
  /** Ties the checkpoint to its input and options: the first row and the sync settings, hashed. */
  fingerprint: string;
  /** Every row below this index is done. */
  doneBelow: number;
  /** Rows at or above `doneBelow` that are done too (finished out of order; at most about `concurrency`). */
  doneAbove: number[];
  created: number;
  updated: number;
  failed: CheckpointFailure[];
  /** The run reached the end of its input. */
  complete: boolean;
}

/** Where a bulk sync keeps its checkpoint. `save` must replace the previous one atomically. */
export interface CheckpointStore {
  load(): Promise<SyncCheckpoint | undefined>;
  save(checkpoint: SyncCheckpoint): Promise<void>;
}

/** A checkpoint in a JSON file, replaced atomically (temp file + rename) on every save. */
export class FileCheckpointStore implements CheckpointStore {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async load(): Promise<SyncCheckpoint | undefined> {
    const text = await readTextIfExists(this.path);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new GHLConfigError(`Checkpoint ${this.path} is not JSON; delete it to start over`, { cause });
    }
    if (!isCheckpoint(parsed)) throw new GHLConfigError(`Checkpoint ${this.path} is not a ghl-sdk sync checkpoint; delete it to start over`);
    return parsed;
  }

  async save(checkpoint: SyncCheckpoint): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(checkpoint)}\n`);
  }
}

function isCheckpoint(value: unknown): value is SyncCheckpoint {
  const v = value as Partial<SyncCheckpoint> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    typeof v.fingerprint === 'string' &&
    Number.isInteger(v.doneBelow) &&
    Array.isArray(v.doneAbove) &&
    Number.isInteger(v.created) &&
    Number.isInteger(v.updated) &&
    Array.isArray(v.failed) &&
    typeof v.complete === 'boolean'
  );
}

export function toCheckpointStore(checkpoint: string | CheckpointStore): CheckpointStore {
  return typeof checkpoint === 'string' ? new FileCheckpointStore(checkpoint) : checkpoint;
}

/** A failure as JSON, and back: validation errors keep their issues, others their name and message. */
export function serializeFailure(index: number, input: unknown, error: GHLError): CheckpointFailure {
  return { index, input, error: { name: error.name, message: error.message, ...(error instanceof GHLValidationError ? { issues: error.issues } : {}) } };
}

export function restoreError(saved: CheckpointFailure['error']): GHLError {
  if (saved.issues) return new GHLValidationError(saved.message, saved.issues);
  const error = new GHLError(saved.message);
  error.name = saved.name;
  return error;
}

/**
 * Which rows are done. Rows finish out of order (several are in flight), so it is a watermark
 * plus the few done rows above it; memory stays bounded by the concurrency, not the input size.
 */
export class DoneRows {
  private below: number;
  private readonly above: Set<number>;

  constructor(doneBelow = 0, doneAbove: readonly number[] = []) {
    this.below = doneBelow;
    this.above = new Set(doneAbove);
    this.advance();
  }

  has(index: number): boolean {
    return index < this.below || this.above.has(index);
  }

  add(index: number): void {
    if (index < this.below) return;
    this.above.add(index);
    this.advance();
  }

  get doneBelow(): number {
    return this.below;
  }

  get doneAbove(): number[] {
    return [...this.above].sort((a, b) => a - b);
  }

  private advance(): void {
    while (this.above.delete(this.below)) this.below++;
  }
}
