import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { server } from './msw.js';

// Unit tests must never reach a real host: an unhandled request is a test failure. Loopback is let
// through because end-to-end tests talk to the simulator, a real server on 127.0.0.1.
beforeAll(() =>
  server.listen({
    onUnhandledRequest(request, print) {
      const { hostname } = new URL(request.url);
      if (hostname === '127.0.0.1' || hostname === 'localhost') return;
      print.error();
    },
  }),
);

// A promise the SDK leaves rejected with nobody listening kills a user's Node process (the default
// `--unhandled-rejections=throw`). Every test fails on one, even if its own assertions passed.
const unhandled: unknown[] = [];
const onUnhandledRejection = (reason: unknown) => {
  unhandled.push(reason);
};
process.on('unhandledRejection', onUnhandledRejection);

afterEach(async () => {
  server.resetHandlers();
  vi.useRealTimers();
  // Node reports an unhandled rejection once the microtask queue has drained: let that happen.
  await new Promise((resolve) => setImmediate(resolve));
  const reasons = unhandled.splice(0);
  if (reasons.length > 0) {
    throw new Error(`${reasons.length} unhandled promise rejection(s) during this test: ${reasons.map((reason) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason))).join('; ')}`);
  }
});

afterAll(() => {
  server.close();
  process.off('unhandledRejection', onUnhandledRejection);
});
