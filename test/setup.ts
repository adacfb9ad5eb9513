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
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());
