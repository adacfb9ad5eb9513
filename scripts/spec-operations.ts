/*
 * Reading GHL's OpenAPI files (spec/): the operations they declare and the per-operation facts the
 * runtime table of src/generated/operations.ts encodes. Used by scripts/generate.ts and by the tests
 * that hold the SDK to the specs (test/spec-conformance.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The methods GHL's v2 specs use (no HEAD/OPTIONS/TRACE operations exist in them). */
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type SpecMethod = (typeof METHODS)[number];

export interface SpecReference {
  $ref: string;
}

export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface SpecOperation {
  operationId?: string;
  parameters?: (SpecParameter | SpecReference)[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> }>;
  security?: Record<string, string[]>[];
}

export interface SpecDocument {
  info?: { title?: string };
  paths?: Record<string, Partial<Record<SpecMethod, SpecOperation>>>;
  components?: { schemas?: Record<string, unknown>; parameters?: Record<string, unknown> };
  security?: Record<string, string[]>[];
}

/** One operation of one spec file. */
export interface SpecEntry {
  /** The spec file's name without `.json`, e.g. `contacts`. */
  area: string;
  method: SpecMethod;
  /** The path template exactly as the spec writes it, e.g. `/contacts/{contactId}`. */
  template: string;
  operation: SpecOperation;
  spec: SpecDocument;
}

/** The repository's spec/ folder. */
export const SPEC_DIR = join(import.meta.dirname, '..', 'spec');

/** Every spec file under spec/apps, parsed, by area name (sorted). */
export function readSpecs(specDir = SPEC_DIR): Map<string, SpecDocument> {
  const appsDir = join(specDir, 'apps');
  const names = readdirSync(appsDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return new Map(names.map((name) => [name.slice(0, -'.json'.length), JSON.parse(readFileSync(join(appsDir, name), 'utf8')) as SpecDocument]));
}

/** Every operation of every spec file. */
export function listOperations(specs: Map<string, SpecDocument> = readSpecs()): SpecEntry[] {
  const entries: SpecEntry[] = [];
  for (const [area, spec] of specs) {
    for (const [template, item] of Object.entries(spec.paths ?? {})) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation) entries.push({ area, method, template, operation, spec });
      }
    }
  }
  return entries;
}

const COMMON_FILE = '../common/common-schemas.json';
let common: SpecDocument | undefined;

/**
 * Follows `$ref`s (repeatedly) from inside `spec`: local `#/…` ones and `../common/common-schemas.json#/…`
 * ones. A local reference the file lacks is looked up in the common file, as scripts/generate.ts does
 * for links.json. Anything that is not a reference is returned as is.
 */
export function resolveRef<T>(spec: SpecDocument, value: unknown): T | undefined {
  let current = value;
  for (let hops = 0; hops < 20 && isReference(current); hops += 1) {
    const [file, pointer = ''] = current.$ref.split('#');
    const inCommon = file === COMMON_FILE;
    if (file !== '' && !inCommon) throw new Error(`unsupported $ref ${current.$ref}`);
    common ??= JSON.parse(readFileSync(join(SPEC_DIR, 'common', 'common-schemas.json'), 'utf8')) as SpecDocument;
    current = follow(inCommon ? common : spec, pointer) ?? (inCommon ? undefined : follow(common, pointer));
  }
  return current as T | undefined;
}

function isReference(value: unknown): value is SpecReference {
  return value !== null && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string';
}

function follow(document: unknown, pointer: string): unknown {
  let target = document;
  for (const key of pointer.split('/').slice(1)) target = (target as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')];
  return target;
}

export function parametersOf(entry: Pick<SpecEntry, 'operation' | 'spec'>): SpecParameter[] {
  return (entry.operation.parameters ?? []).flatMap((parameter) => resolveRef<SpecParameter>(entry.spec, parameter) ?? []);
}

/** The `Version` header values the operation declares; empty when it declares none. */
export function declaredVersions(entry: Pick<SpecEntry, 'operation' | 'spec'>): string[] {
  const header = parametersOf(entry).find((parameter) => parameter.in === 'header' && parameter.name === 'Version');
  const values = header?.schema?.['enum'];
  return Array.isArray(values) ? values.map(String) : [];
}

export type SecurityKind = 'location' | 'agency' | 'both' | 'none';

const LOCATION_SCHEMES = new Set(['bearer', 'Location-Access', 'Location-Access-Only']);
const AGENCY_SCHEMES = new Set(['Agency-Access', 'Agency-Access-Only']);

/**
 * Which token the operation takes, from its `security` schemes: a sub-account (Location) token, an
 * agency (Company) token, either, or none declared (GHL's spec text for each scheme: docs/ghl-api.md §1.5).
 */
export function securityKind(entry: Pick<SpecEntry, 'operation' | 'spec'>): SecurityKind {
  const names = (entry.operation.security ?? entry.spec.security ?? []).flatMap((requirement) => Object.keys(requirement));
  for (const name of names) {
    if (!LOCATION_SCHEMES.has(name) && !AGENCY_SCHEMES.has(name)) throw new Error(`unknown security scheme "${name}": teach scripts/spec-operations.ts about it`);
  }
  const location = names.some((name) => LOCATION_SCHEMES.has(name));
  const agency = names.some((name) => AGENCY_SCHEMES.has(name));
  return location && agency ? 'both' : location ? 'location' : agency ? 'agency' : 'none';
}

export type BodyEncoding = 'json' | 'form' | 'multipart';

export function bodyEncoding(operation: SpecOperation): BodyEncoding {
  const types = Object.keys(operation.requestBody?.content ?? {});
  if (types.length === 0 || types.includes('application/json')) return 'json';
  if (types.includes('application/x-www-form-urlencoded')) return 'form';
  if (types.includes('multipart/form-data')) return 'multipart';
  throw new Error(`unsupported request body type ${types.join(', ')}: teach scripts/spec-operations.ts about it`);
}

const METHOD_CODES: Record<SpecMethod, string> = { get: 'g', post: 'p', put: 'u', patch: 'a', delete: 'd' };
const VERSION_CODES: Record<string, string> = { '2021-07-28': '7', '2021-04-15': '4' };
const SECURITY_CODES: Record<SecurityKind, string> = { location: 'l', agency: 'a', both: 'b', none: '-' };
const BODY_CODES: Record<BodyEncoding, string> = { json: '', form: 'f', multipart: 'm' };

/** The operation's code in src/generated/operations.ts (the format is described there). */
export function encodeOperation(method: SpecMethod, operation: SpecOperation, spec: SpecDocument): string {
  const versions = declaredVersions({ operation, spec });
  if (versions.length > 1) throw new Error(`${method} declares several Versions (${versions.join(', ')}): extend the table format`);
  const version = versions[0] === undefined ? '-' : VERSION_CODES[versions[0]];
  if (version === undefined) throw new Error(`${method} declares Version ${versions[0]}: add it to VERSION_CODES and src/api/operations.ts`);
  return METHOD_CODES[method] + version + SECURITY_CODES[securityKind({ operation, spec })] + BODY_CODES[bodyEncoding(operation)];
}
