/**
 * A time given on the command line: digits are epoch milliseconds, anything else is passed on as an
 * ISO-8601 string (the SDK refuses one without an offset, naming the option's field).
 */
export function timeOption(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The help paragraph every command with time options shares. */
export const TIME_HELP = `Times are ISO-8601 with an offset (2030-01-07T09:00:00-06:00, 2030-01-07T15:00:00Z) or epoch
milliseconds; a time without an offset is refused (exit 2): it would mean a different moment on
every machine.`;
