/** What each benchmark module hands to the report: a BENCHMARKS.md section, headlines, chart bars. */

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
