import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { UsageError } from '../exit.js';

export type ImportFormat = 'csv' | 'jsonl';

/** A source row: CSV columns by header, or one JSON object per line. */
export type SourceRow = Record<string, unknown>;

export function formatOf(path: string): ImportFormat {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  throw new UsageError(`cannot tell the format of "${path}": use a .csv or .jsonl file`, 'contacts');
}

/** A JSON-lines row that is not a JSON object: kept as a row (so row numbers stay right) that validation rejects. */
export const UNREADABLE = Symbol('unreadable row');

/**
 * The rows of a CSV (csv-parse, header row = column names) or JSON-lines file, read as a stream:
 * a file of any size is never held in memory. Empty lines are skipped in both.
 */
export async function* readRows(path: string, format: ImportFormat): AsyncGenerator<SourceRow> {
  if (format === 'csv') {
    const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }));
    for await (const record of parser) yield record as SourceRow;
    return;
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    yield value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as SourceRow) : { [UNREADABLE]: line.slice(0, 200) };
  }
}

/** Counts the rows (one quick pass) so progress can show a total and an ETA. */
export async function countRows(path: string, format: ImportFormat): Promise<number> {
  let count = 0;
  for await (const row of readRows(path, format)) if (row) count++;
  return count;
}
