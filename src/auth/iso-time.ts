// How token log lines and errors print an instant.

/** An epoch-ms instant for log lines and messages. */
export function iso(epochMs: number | undefined): string {
  return epochMs === undefined ? 'an unknown time' : new Date(epochMs).toISOString();
}
