import { randomUUID } from 'node:crypto';
import { GHLError, type AppUser, type BulkSyncProgress, type BulkSyncReport, type GHLClient } from 'ghl-sdk';

/** What the sync page and its event stream show; never a token (SDK messages carry none). */
export interface SyncSnapshot {
  id: string;
  locationId: string;
  total: number;
  done: number;
  created: number;
  updated: number;
  failed: number;
  finished: boolean;
  /** Set when the run stopped on an error (a fatal one: see `GHLSyncInterruptedError`). */
  error?: string;
}

type Listener = (snapshot: SyncSnapshot) => void;

/** One `ghl.sync.users` run; its progress goes to every listener (the SSE streams of open pages). */
class SyncJob {
  snapshot: SyncSnapshot;
  private readonly listeners = new Set<Listener>();

  constructor(locationId: string, total: number) {
    this.snapshot = { id: randomUUID(), locationId, total, done: 0, created: 0, updated: 0, failed: 0, finished: false };
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  watch(listener: Listener): () => void {
    listener(this.snapshot);
    if (this.snapshot.finished) return () => undefined;
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(change: Partial<SyncSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener(this.snapshot);
    if (this.snapshot.finished) this.listeners.clear();
  }
}

/** The app's bulk syncs, by id: started by a POST, watched by the sync page. The last `keep` are kept. */
export class SyncJobs {
  private readonly jobs = new Map<string, SyncJob>();

  constructor(private readonly keep = 50) {}

  /** Starts syncing `users` to `client`'s location; returns at once with the job's first snapshot. */
  start(client: GHLClient, users: AppUser[]): SyncSnapshot {
    const job = new SyncJob(client.locationId, users.length);
    // Forget the oldest finished runs, so a long-lived app does not grow without bound.
    for (const [id, old] of this.jobs) if (this.jobs.size >= this.keep && old.snapshot.finished) this.jobs.delete(id);
    this.jobs.set(job.snapshot.id, job);
    const onProgress = (progress: BulkSyncProgress) => job.update({ done: progress.done, created: progress.created, updated: progress.updated, failed: progress.failed });
    void client.sync.users(users, { syncType: 'basic', concurrency: 5, onProgress }).then(
      (report: BulkSyncReport<AppUser>) => job.update({ done: report.total, created: report.created, updated: report.updated, failed: report.failed.length, finished: true }),
      (error: unknown) =>
        job.update({
          finished: true,
          // SDK messages carry no tokens; anything else is unknown text, so it is not shown.
          error: error instanceof GHLError ? `${error.name}: ${error.message}` : 'the sync failed (see the server log)',
        }),
    );
    return job.snapshot;
  }

  get(id: string): SyncJob | undefined {
    return this.jobs.get(id);
  }
}
