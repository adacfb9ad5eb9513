/** Running and summarising measurements: medians, bounded concurrency, time limits, the live heap. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
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

// A full collection on demand, so each sample is the heap still reachable (not garbage awaiting the
// next collection): that is what "memory flat" is about. `--expose-gc` set at run time, the usual trick.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The heap still reachable now, after a full collection. */
export function liveHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}
