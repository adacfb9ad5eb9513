import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GHLClient } from '../../client.js';
import { GHLValidationError } from '../../errors.js';
import { MemoryTokenStore } from '../../stores/memory.js';
import type { AppUser } from '../../resources/sync.js';
import type { BulkSyncReport } from '../../resources/sync/bulk-options.js';
import { GHLSyncInterruptedError } from '../../resources/sync/interrupted-error.js';
import { integerOption, noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { loadClient } from '../config.js';
import { describeFailure, EXIT, UsageError, type ExitCode } from '../exit.js';
import { parseMapping, toAppUser } from '../import/mapping.js';
import { barProgress, jsonLinesProgress, type ProgressReporter } from '../import/progress.js';
import { countRows, formatOf, readRows } from '../import/rows.js';
import { aligned, humanDuration, Output, type CliIO } from '../output.js';

const IMPORT_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  map: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  checkpoint: { type: 'string' },
  concurrency: { type: 'string' },
  rejected: { type: 'string' },
} as const;

export const IMPORT_HELP = `  ghl contacts import FILE.csv|FILE.jsonl [--map field=Column,…] [--tag T]... [--dry-run]
                      [--checkpoint PATH] [--concurrency N] [--rejected PATH] [--token-file PATH] [--json]`;

export const IMPORT_DETAILS = `import  Upserts every row as a contact (sync.users: matched by email, so a re-run never duplicates),
        paced under GHL's rate-limit window. Columns named like the fields (email, firstName or
        "First Name", lastName, name, phone, companyName, timezone, country, tags) are used as they
        are; --map email=E-mail,firstName=Given maps others. --tag adds tags to every contact.
        Bad rows are reported by row and field and written to --rejected (default FILE.rejected.jsonl);
        the good rows are sent. --dry-run validates every row and sends nothing.
        Progress: a live bar on a terminal (rows done/total, rows/s, ETA, created/updated/failed,
        429s), JSON lines on stderr otherwise; a summary at the end. Ctrl-C stops cleanly (rows in
        flight finish); with --checkpoint the same command resumes where it stopped.`;

/** `ghl contacts import`: a CSV or JSON-lines file into GHL through `sync.users`. */
export async function importContacts(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('contacts', args, IMPORT_OPTIONS);
  noExtraPositionals(positionals, 1, 'contacts');
  const file = positionals[0];
  if (file === undefined) throw new UsageError('contacts import needs a .csv or .jsonl FILE', 'contacts');
  const path = resolve(io.cwd, file);
  const format = formatOf(path);
  const mapping = parseMapping(values.map);
  const concurrency = integerOption(values.concurrency, 'concurrency', 'contacts', { min: 1, max: 100 });
  const rejectedPath = resolve(io.cwd, values.rejected ?? `${file}.rejected.jsonl`);
  const out = new Output(io, values.json === true);
  const { ghl } = values['dry-run'] ? { ghl: undefined } : await loadClient(io, values['token-file']);

  const total = await countRows(path, format).catch((cause: unknown) => {
    throw new UsageError(`cannot read ${file}: ${(cause as Error).message}`, 'contacts');
  });
  const terminal = (io.stderr as Partial<NodeJS.WriteStream>).isTTY === true;
  const progress: ProgressReporter = terminal ? barProgress(io.stderr as NodeJS.WriteStream, total) : jsonLinesProgress(io.stderr);

  // Ctrl-C: stop taking rows, let those in flight finish, save the checkpoint. A second one quits.
  const stop = new AbortController();
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(130);
    progress.note('Stopping: finishing the rows in flight (Ctrl-C again to quit at once)…');
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  const rows = (async function* () {
    for await (const row of readRows(path, format)) yield toAppUser(row, mapping);
  })();
  const options = {
    tags: values.tag ?? [],
    source: 'ghl contacts import',
    total,
    // A hard kill loses at most this many rows of progress (they are re-sent, as upserts, on resume).
    checkpointEvery: 25,
    signal: stop.signal,
    onProgress: (p: Parameters<ProgressReporter['update']>[0]) => progress.update(p),
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.checkpoint === undefined ? {} : { checkpoint: resolve(io.cwd, values.checkpoint) }),
    ...(concurrency === undefined ? {} : { concurrency }),
  };
  let report: BulkSyncReport<AppUser>;
  let interrupted: GHLSyncInterruptedError | undefined;
  try {
    // A dry run needs no client (no credentials): any Sync validates the same way.
    report = await (ghl ?? dryRunClient()).sync.users(rows, options);
  } catch (error) {
    if (!(error instanceof GHLSyncInterruptedError)) throw error;
    interrupted = error as GHLSyncInterruptedError<AppUser>;
    report = interrupted.report as BulkSyncReport<AppUser>;
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.stop();
  }

  if (report.failed.length > 0) {
    const lines = report.failed.map((f) => JSON.stringify({ row: f.index + 1, input: f.input, error: f.error.name, message: f.error.message, ...(f.error instanceof GHLValidationError ? { fields: f.error.issues } : {}) }));
    await writeFile(rejectedPath, `${lines.join('\n')}\n`);
  }
  const stopped = interrupted === undefined ? undefined : stop.signal.aborted ? 'interrupted (Ctrl-C)' : describeFailure(interrupted.cause);
  out.result({ ...report, failed: report.failed.map((f) => ({ row: f.index + 1, error: f.error.name, message: f.error.message })), stopped: stopped ?? null, rejectedFile: report.failed.length > 0 ? rejectedPath : null });
  printSummary(out, report, { stopped, rejectedPath, checkpoint: values.checkpoint });
  if (interrupted) return EXIT.failure;
  return report.failed.length > 0 ? EXIT.failure : EXIT.ok;
}

function printSummary(out: Output, report: BulkSyncReport<AppUser>, context: { stopped: string | undefined; rejectedPath: string; checkpoint: string | undefined }): void {
  const rows: Array<[string, string]> = report.dryRun
    ? [
        ['rows', String(report.total)],
        ['valid', String(report.valid)],
        ['rejected', String(report.failed.length)],
      ]
    : [
        ['rows', String(report.total)],
        ['created', String(report.created)],
        ['updated', String(report.updated)],
        ['rejected', String(report.failed.length)],
        ['resumed past', String(report.skipped)],
        ['429s from GHL', String(report.rateLimited)],
        ['time', humanDuration(report.durationMs)],
      ];
  out.line(report.dryRun ? 'Dry run: nothing was sent.' : context.stopped ? `Import stopped: ${context.stopped}` : 'Import finished.');
  for (const row of aligned(rows)) out.line(row);
  for (const failure of report.failed.slice(0, 5)) out.line(`  row ${failure.index + 1}: ${failure.error.message}`);
  if (report.failed.length > 5) out.line(`  … and ${report.failed.length - 5} more`);
  if (report.failed.length > 0) out.line(`Rejected rows: ${context.rejectedPath}`);
  if (context.stopped && context.checkpoint) out.line(`Run the same command again to resume from ${context.checkpoint}.`);
}

/** Validation only: never sends (dryRun), so it needs no credentials. */
function dryRunClient(): GHLClient {
  return new GHLClient({ locationId: 'dry-run', tokenStore: new MemoryTokenStore(), env: {}, rateLimit: false });
}
