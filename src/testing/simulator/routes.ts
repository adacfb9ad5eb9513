/**
 * "METHOD /path/:param" patterns: matching for the route table and for fault injection. Paths match
 * with or without a trailing slash, as GHL's Express-based router does (`POST /contacts` reaches
 * `POST /contacts/`).
 */

export interface RoutePattern {
  /** The pattern as written, e.g. `GET /contacts/:contactId`; also the `stats.byRoute` key. */
  key: string;
  method: string;
  segments: string[];
}

/** Parses `'METHOD /path'`; `'*'` alone or as the method matches any method. */
export function parsePattern(key: string): RoutePattern {
  const match = /^(\*|[A-Z]+) (\/\S*)$/.exec(key);
  if (key !== '*' && !match) throw new TypeError(`Invalid route pattern "${key}": expected "METHOD /path" or "*"`);
  return { key, method: match?.[1] ?? '*', segments: match?.[2] === undefined ? ['**'] : splitPath(match[2]) };
}

/** The path parameters when `method path` matches the pattern, else undefined. */
export function matchPattern(pattern: RoutePattern, method: string, path: string): Record<string, string> | undefined {
  if (pattern.method !== '*' && pattern.method !== method.toUpperCase()) return undefined;
  if (pattern.segments[0] === '**') return {};
  const segments = splitPath(path);
  if (segments.length !== pattern.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, expected] of pattern.segments.entries()) {
    const actual = segments[i] as string;
    if (expected.startsWith(':')) params[expected.slice(1)] = safeDecode(actual);
    else if (expected !== actual) return undefined;
  }
  return params;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes are kept raw: they simply match no stored id
  }
}
