import { onTestFinished } from 'vitest';
import { setupServer } from 'msw/node';

/** One msw server for every unit test; each test adds its own handlers with `server.use(...)`. */
export const server = setupServer();

/** Counts every request that reached fetch during the current test (handled or not), for "nothing was sent" assertions. */
export function countRequests(): { readonly count: number } {
  const seen = { count: 0 };
  const listener = () => {
    seen.count += 1;
  };
  server.events.on('request:start', listener);
  onTestFinished(() => {
    server.events.removeListener('request:start', listener);
  });
  return seen;
}
