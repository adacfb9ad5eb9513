import { redactSecrets } from './errors.js';

/** Anything with these four methods: `console`, pino, winston, bunyan all fit. */
export interface GHLLogger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

const noop = () => {};

/** The default: an SDK that prints nothing unless asked (the official SDK logs every handled 404). */
export const silentLogger: GHLLogger = { debug: noop, info: noop, warn: noop, error: noop };

/**
 * Wraps the user's logger so every line the SDK emits is a plain string that went through
 * `redactSecrets`: no token or secret can reach a log, even from an error message we forward.
 */
export function safeLogger(logger: GHLLogger | undefined): GHLLogger {
  if (!logger) return silentLogger;
  const wrap = (level: keyof GHLLogger) => (message: string) => {
    try {
      logger[level](redactSecrets(message));
    } catch {
      // A broken logger must never break an API call.
    }
  };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/** One line for an error in a log: class name and message, never a stack full of request objects. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
