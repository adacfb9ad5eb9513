/** Anything with `write(text)`: `process.stdout` in the bin, a string buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Everything the CLI touches of its process, passed in so tests can run it in-process. */
export interface CliIO {
  env: Record<string, string | undefined>;
  stdout: TextSink;
  stderr: TextSink;
  /** Relative paths (`--token-file`) resolve against this. */
  cwd: string;
}

/**
 * Where a command's output goes. With `--json`, stdout carries exactly one JSON document (the
 * result), so `ghl status --json | jq` always parses; the human lines are dropped. Progress and
 * prompts go to stderr in both modes.
 */
export class Output {
  readonly json: boolean;
  private readonly io: CliIO;

  constructor(io: CliIO, json: boolean) {
    this.io = io;
    this.json = json;
  }

  /** A line for people (stdout); dropped under `--json`. */
  line(text = ''): void {
    if (!this.json) this.io.stdout.write(`${text}\n`);
  }

  /** The machine-readable result (stdout); written only under `--json`. */
  result(value: unknown): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Progress, prompts and errors (stderr), in both modes. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}

/** `label  value` rows with the values aligned, for status-style output. */
export function aligned(rows: ReadonlyArray<readonly [string, string]>, indent = '  '): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`);
}

/** "2 h 5 min", "3.5 s": durations people read at a glance. Minutes round down: never overstate time left. */
export function humanDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${Math.round(abs / 100) / 10} s`;
  const minutes = Math.floor(abs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
