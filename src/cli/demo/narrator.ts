import { humanDuration, type Output } from '../output.js';
import type { DemoEvent } from './events.js';
import { literal } from './literal.js';

/** One SDK call of the story, for `--json`. */
export interface DemoStep {
  call: string;
  /** The arguments, as TypeScript source. */
  args: string;
  /** What it returned, in words; undefined when it threw. */
  outcome: string | undefined;
  /** What happened on the wire and to the tokens during the call, in order. */
  events: DemoEvent[];
}

/**
 * Tells the story as it happens: each SDK call, then every HTTP exchange, refresh and rotation it
 * caused (printed the moment they occur, so the order on screen is the real order), then its outcome.
 * Also keeps it all for `--json`.
 */
export class Narrator {
  readonly steps: DemoStep[] = [];
  /** Events outside any call (notes between calls). */
  readonly interludes: DemoEvent[] = [];
  private readonly out: Output;
  private current: DemoStep | undefined;

  constructor(out: Output) {
    this.out = out;
  }

  /** Prints the line for one event, under the call it belongs to. */
  record(event: DemoEvent): void {
    (this.current?.events ?? this.interludes).push(event);
    this.out.line(describe(event));
  }

  /** Runs one SDK call (`call` with `args`, as `run` makes it) and narrates it. */
  async call<T>(call: string, args: unknown[], run: () => Promise<T>, outcome: (value: T) => string): Promise<T> {
    const step: DemoStep = { call, args: args.map(literal).join(', '), outcome: undefined, events: [] };
    this.steps.push(step);
    this.current = step;
    this.out.line();
    this.out.line(`▸ ${call}(${step.args})`);
    try {
      const value = await run();
      step.outcome = outcome(value);
      this.out.line(`  ✓ ${step.outcome}`);
      return value;
    } finally {
      this.current = undefined;
    }
  }

  /** A plain line of the story (headers, the summary). */
  say(text = ''): void {
    this.out.line(text);
  }
}

function describe(event: DemoEvent): string {
  switch (event.kind) {
    case 'http':
      return `    ${event.method} ${event.path} → ${event.status === 0 ? 'network error' : event.status}`;
    case 'rotation': {
      const life = event.expiresInMs === undefined ? '' : `; new access token valid ${humanDuration(event.expiresInMs)}`;
      return `      ↻ refresh token rotated ${event.from} → ${event.to}, saved before use${life}`;
    }
    case 'note':
      return `\n  ${event.text}`;
  }
}
