/** One HTTP exchange the SDK made, as the demo's fetch saw it. */
export interface HttpEvent {
  kind: 'http';
  method: string;
  path: string;
  /** The status, or 0 when no response came back (network error). */
  status: number;
}

/** The SDK refreshed: the refresh token rotated and the new set was saved before use. */
export interface RotationEvent {
  kind: 'rotation';
  /** Fingerprints, never tokens. */
  from: string;
  to: string;
  /** Lifetime of the new access token, when GHL said. */
  expiresInMs: number | undefined;
}

/** A scripted turn of events between calls: time passing, GHL expiring tokens early. */
export interface NoteEvent {
  kind: 'note';
  text: string;
}

export type DemoEvent = HttpEvent | RotationEvent | NoteEvent;
