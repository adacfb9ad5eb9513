import { GHLValidationError } from '../errors.js';

/**
 * A path parameter as it is interpolated into the `path` tag: a one-key object, so the value carries
 * its name into any error (`path\`/contacts/${{ contactId }}/notes\``).
 */
export type PathParam = Readonly<Record<string, unknown>>;

/** Longer than any GHL id (they are 20–24 characters); a longer value is a bug or an attack. */
export const MAX_PATH_PARAM_LENGTH = 256;

/**
 * Builds a request path from a template literal whose every interpolation is a one-key object naming
 * the parameter: `path\`/contacts/${{ contactId }}/tags\``. The model is openai-node's `path` tag.
 *
 * Each value is `encodeURIComponent`-encoded, so `/`, `\`, `?`, `#` and `%` cannot leave their
 * segment. Values that would still move the request are rejected with a `GHLValidationError` naming
 * the parameter, before anything is sent: empty ones, `.` and `..` (also percent-encoded, e.g.
 * `%2e%2e`, which a server may decode, or between `/` and `\` as in `..\..\locations`), and
 * absurd lengths. `new URL()` resolves dot segments and turns `\` into `/`, so an unchecked id like
 * `..` would send the bearer token to another endpoint (`GET /contacts/..` is `GET /`).
 */
export function path(strings: TemplateStringsArray, ...params: PathParam[]): string {
  let out = strings[0] ?? '';
  params.forEach((param, index) => {
    out += encodePathParam(param) + (strings[index + 1] ?? '');
  });
  return out;
}

/**
 * Expands a spec-style template (`/contacts/{contactId}/notes/{id}`) with named values through the
 * same rules as `path`. Every `{name}` needs a value; a value for a name the template lacks is an error.
 */
export function expandPathTemplate(template: string, values: Readonly<Record<string, unknown>> = {}): string {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
  const unknown = Object.keys(values).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new GHLValidationError(
      `Invalid path parameters: ${unknown.map((name) => `${name} is not a parameter of ${template}`).join('; ')}`,
      unknown.map((name) => ({ path: `path.${name}`, message: `not a parameter of ${template}` })),
    );
  }
  const strings = template.split(/\{[^}]+\}/);
  const raw = Object.assign([...strings], { raw: strings });
  return path(raw, ...names.map((name) => ({ [name]: values[name] })));
}

function encodePathParam(param: PathParam): string {
  const entries = param !== null && typeof param === 'object' ? Object.entries(param) : [];
  if (entries.length !== 1) {
    // A programming error in the SDK itself, never user input: every call site names its parameter.
    throw new TypeError('path`…`: interpolate each parameter as a one-key object, e.g. ${{ contactId }}');
  }
  const [name, value] = entries[0] as [string, unknown];
  const problem = describeProblem(value);
  if (problem) throw new GHLValidationError(`Invalid ${name}: ${problem}`, [{ path: name, message: problem }]);
  return encodeURIComponent(String(value));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function describeProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'must be a finite number or a non-empty string';
  if (typeof value !== 'string') return `expected a string id (got ${value === null ? 'null' : typeof value})`;
  if (value.trim() === '') return 'must be a non-empty id';
  if (value.length > MAX_PATH_PARAM_LENGTH) return `must be at most ${MAX_PATH_PARAM_LENGTH} characters (got ${value.length})`;
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws URIError on it).
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (it holds a lone surrogate)';
  const decoded = fullyDecoded(value);
  // A dot segment between `/` or `\` (`..\..\locations\LOC`) stays encoded here, but a proxy that
  // decodes %2F/%5C and folds `\` into `/` would climb out of the segment: no id has one.
  if (decoded.trim() === '' || decoded.split(/[/\\]/).some((piece) => piece === '.' || piece === '..')) {
    return `"${value}" is not an id: it would move the request to another path`;
  }
  return undefined;
}

/** Percent-decodes until stable (a few rounds at most), so `%2e`, `%252e` and `.%2E` all read as dots. */
function fullyDecoded(value: string): string {
  let current = value;
  for (let round = 0; round < 4; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}
