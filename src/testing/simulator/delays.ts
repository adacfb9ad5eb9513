/**
 * Real-timer delays that can all be cut short, so `close()` never waits for a slow injected latency
 * (the injected clock drives expiry and rate windows, not these waits).
 */
export class Delays {
  private readonly pending = new Map<ReturnType<typeof setTimeout>, () => void>();

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  /** Resolves every pending wait now. */
  cancelAll(): void {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
