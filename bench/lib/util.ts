/** Small helpers shared by the benchmarks. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function fixed(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** 12345.6 -> "12,346" */
export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

export function kB(bytes: number, digits = 1): string {
  return Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(digits)} kB` : 'n/a';
}

export function ratio(value: number, base: number, digits = 2): string {
  return Number.isFinite(value) && Number.isFinite(base) && base !== 0 ? `${(value / base).toFixed(digits)}×` : 'n/a';
}

/** Runs `count` calls of `fn(i)` with at most `width` in flight; resolves when all settled. */
export async function pool(count: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

/** A promise that rejects after `ms`: every benchmark step is bounded. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** One table of a BENCHMARKS.md section. */
export interface Table {
  caption?: string;
  columns: string[];
  rows: string[][];
}

export interface Section {
  id: string;
  title: string;
  /** What the benchmark measures and how, in a sentence or two. */
  method: string;
  goal?: string;
  /** true/false when the goal was checked; undefined when it does not apply. */
  met?: boolean | undefined;
  tables: Table[];
  notes: string[];
}

/** A headline figure for the summary table and the chart. */
export interface Headline {
  metric: string;
  goal: string;
  met: boolean | undefined;
  ghl: string;
  official: string;
  other: string;
}

/** A bar group of the SVG chart: one metric, one bar per client. */
export interface ChartGroup {
  title: string;
  /** Lower is better (most metrics) or higher is better (throughput). */
  better: 'lower' | 'higher';
  bars: Array<{ label: string; value: number; text: string }>;
}

export interface BenchOutput {
  section: Section;
  headlines: Headline[];
  chart: ChartGroup[];
}
