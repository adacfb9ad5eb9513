import { OPERATIONS } from '../generated/operations.js';
import type { HttpMethod } from '../http/transport.js';

/**
 * Which token an operation takes, from its spec's `security`: a sub-account token (`Location-Access`,
 * `bearer`), an agency token (`Agency-Access`), either, or none declared (docs/ghl-api.md §1.5, §11).
 */
export type OperationSecurity = 'location' | 'agency' | 'both' | 'none';

/** How the operation's request body goes on the wire. */
export type BodyEncoding = 'json' | 'form' | 'multipart';

/** What the runtime knows of one spec operation (src/generated/operations.ts, decoded). */
export interface OperationInfo {
  /** The `Version` header the spec declares for it; undefined when it declares none. */
  version: string | undefined;
  security: OperationSecurity;
  body: BodyEncoding;
}

const METHOD_LETTERS: Record<HttpMethod, string> = { GET: 'g', POST: 'p', PUT: 'u', PATCH: 'a', DELETE: 'd' };
const VERSIONS: Record<string, string> = { '7': '2021-07-28', '4': '2021-04-15' };
const SECURITY: Record<string, OperationSecurity> = { l: 'location', a: 'agency', b: 'both' };
const BODIES: Record<string, BodyEncoding> = { f: 'form', m: 'multipart' };

/** The operation `method template` of GHL's v2 specs, or undefined when the specs have no such operation. */
export function findOperation(method: HttpMethod, template: string): OperationInfo | undefined {
  if (!Object.hasOwn(OPERATIONS, template)) return undefined;
  const letter = METHOD_LETTERS[method];
  const code = OPERATIONS[template]?.split(' ').find((candidate) => candidate[0] === letter);
  if (code === undefined) return undefined;
  return {
    version: VERSIONS[code[1] ?? ''],
    security: SECURITY[code[2] ?? ''] ?? 'none',
    body: BODIES[code[3] ?? ''] ?? 'json',
  };
}
