/** A burst window: at most `max` requests per `intervalMs`, per app per location (docs/ghl-api.md §6). */
export interface RateLimitWindow {
  max: number;
  intervalMs: number;
}

/** GHL's documented burst window, used until a response states one (docs/ghl-api.md §6). */
export const DOCUMENTED_WINDOW: RateLimitWindow = { max: 100, intervalMs: 10_000 };

/**
 * A request stays counted until a window after its response, by the client's clock, and GHL
 * counted it on arrival, before that response: the window itself holds no guess about the network.
 * 1 % more (100 ms of 10 s) absorbs timer and clock rounding between the two sides.
 */
const CLOCK_MARGIN = 0.01;

/** The window the client paces to: GHL's, lengthened by the clock margin. */
export function pacedWindow(window: RateLimitWindow): RateLimitWindow {
  return { max: window.max, intervalMs: Math.ceil(window.intervalMs * (1 + CLOCK_MARGIN)) };
}

export function sameWindow(a: RateLimitWindow, b: RateLimitWindow): boolean {
  return a.max === b.max && a.intervalMs === b.intervalMs;
}

/** A window read from headers is trusted only when it is sane: a hostile or broken proxy must not stall or unleash the client. */
export function isUsableWindow(max: number | undefined, intervalMs: number | undefined): boolean {
  return max !== undefined && intervalMs !== undefined && Number.isInteger(max) && max >= 1 && max <= 100_000 && intervalMs >= 100 && intervalMs <= 86_400_000;
}
