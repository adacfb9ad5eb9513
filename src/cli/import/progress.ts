import cliProgress from 'cli-progress';
import type { BulkSyncProgress } from '../../resources/sync/bulk-options.js';
import { humanDuration, type TextSink } from '../output.js';

/** Shows a run's progress: a live bar on a terminal, JSON lines otherwise. */
export interface ProgressReporter {
  update(progress: BulkSyncProgress): void;
  /** A line that must not be drawn over by the bar (e.g. "stopping…"). */
  note(text: string): void;
  stop(): void;
}

/** JSON lines when stderr is not a terminal: one every `everyMs` and a last one at the end. */
export function jsonLinesProgress(sink: TextSink, everyMs = 1_000, now: () => number = Date.now): ProgressReporter {
  let lastAt = -Infinity;
  let last: BulkSyncProgress | undefined;
  const emit = (progress: BulkSyncProgress) => {
    lastAt = now();
    sink.write(`${JSON.stringify({ event: 'progress', ...progress, ratePerSec: Math.round(progress.ratePerSec * 10) / 10 })}\n`);
  };
  return {
    update(progress) {
      last = progress;
      if (now() - lastAt >= everyMs) emit(progress);
    },
    note(text) {
      sink.write(`${JSON.stringify({ event: 'note', message: text })}\n`);
    },
    stop() {
      if (last) emit(last);
    },
  };
}

/**
 * cli-progress's single bar on the terminal (stderr): done/total, rows per second, ETA, the
 * created/updated/failed counts and the 429s GHL sent (0 while pacing holds).
 */
export function barProgress(stream: NodeJS.WriteStream, total: number | undefined): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {value}/{total} rows | {rate}/s | ETA {eta} | created {created} · updated {updated} · failed {failed} | 429s {rateLimited}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const fields = (p?: BulkSyncProgress) => ({
    rate: p ? p.ratePerSec.toFixed(1) : '0.0',
    eta: p?.etaMs === undefined ? '?' : humanDuration(p.etaMs),
    created: p?.created ?? 0,
    updated: p?.updated ?? 0,
    failed: p?.failed ?? 0,
    rateLimited: p?.rateLimited ?? 0,
  });
  bar.start(total ?? 0, 0, fields());
  return {
    update(progress) {
      if (progress.total !== undefined) bar.setTotal(progress.total);
      bar.update(progress.done, fields(progress));
    },
    note(text) {
      stream.write(`\n${text}\n`);
    },
    stop() {
      bar.stop();
    },
  };
}
