/*
 * Holding what the SDK sends to GHL's own OpenAPI files (spec/), for resource tests.
 *
 *   const recorder = recordRequests();                 // a fetch that records, then calls the real one
 *   const ghl = new GHLClient({ ..., fetch: recorder.fetch });
 *   ... exercise the resource (against msw or the simulator) ...
 *   expectSpecConformance(recorder.requests);          // path, Version, query and body fields
 *
 *   for (const example of specExampleResponses('GET', '/contacts/{contactId}')) { ... parse it ... }
 *
 * The checks: the method and path match an operation of the specs; the `Version` header is in that
 * operation's enum; every query parameter and every body field (nested objects and arrays included)
 * is declared. A body schema the spec leaves empty (e.g. `POST /contacts/search`) cannot be checked
 * and is reported by `checkRequest` as `unchecked`.
 */
import { expect } from 'vitest';
import { declaredVersions, listOperations, parametersOf, resolveRef, type SpecDocument, type SpecEntry } from '../scripts/spec-operations.js';

/** One request as it went on the wire. */
export interface RecordedRequest {
  method: string;
  /** The full URL, or the path with its query string. */
  url: string;
  headers: Record<string, string>;
  /** The parsed JSON body; undefined for none (form and multipart bodies are not checked). */
  body?: unknown;
}

export interface ConformanceReport {
  /** `'POST /contacts/{contactId}/tags'`, or undefined when no operation matches. */
  operation: string | undefined;
  /** Everything that does not conform; empty when the request conforms. */
  problems: string[];
  /** Parts the spec gives nothing to check against (an empty body schema). */
  unchecked: string[];
}

const entries = listOperations();

/** A `fetch` for the client's `fetch` option that records every request, then sends it with the global fetch. */
export function recordRequests(): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    // ky hands fetch a Request: read what goes on the wire from a copy, send the original.
    const request = input instanceof Request ? input : new Request(input, init);
    const headers = Object.fromEntries(request.headers.entries());
    const text = request.body ? await request.clone().text() : '';
    const body = text && headers['content-type']?.startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined;
    requests.push({ method: request.method, url: request.url, headers, body });
    return globalThis.fetch(request);
  };
  return { fetch: recording, requests };
}

/** Fails the test with every non-conforming request and what is wrong with it. */
export function expectSpecConformance(requests: readonly RecordedRequest[]): void {
  expect(requests.length, 'no requests were recorded').toBeGreaterThan(0);
  const failures = requests.flatMap((request) => {
    const { problems } = checkRequest(request);
    return problems.length === 0 ? [] : [`${request.method} ${request.url}: ${problems.join('; ')}`];
  });
  expect(failures).toEqual([]);
}

/** Checks one request against the specs. */
export function checkRequest(request: RecordedRequest): ConformanceReport {
  const url = new URL(request.url, 'https://services.leadconnectorhq.com');
  const entry = findEntry(request.method, url.pathname);
  if (!entry) return { operation: undefined, problems: [`no operation ${request.method.toUpperCase()} ${url.pathname} in spec/apps`], unchecked: [] };
  const problems: string[] = [];
  const unchecked: string[] = [];

  const versions = declaredVersions(entry);
  const version = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'version')?.[1];
  if (versions.length > 0 && (version === undefined || !versions.includes(version))) {
    problems.push(`Version ${version === undefined ? 'missing' : `"${version}"`}, the spec allows ${versions.join(', ')}`);
  }

  const queryNames = new Set(parametersOf(entry).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name));
  for (const name of new Set(url.searchParams.keys())) if (!queryNames.has(name)) problems.push(`query parameter "${name}" is not declared`);

  if (request.body !== undefined) {
    const schema = entry.operation.requestBody?.content?.['application/json']?.schema;
    if (schema === undefined) problems.push('a JSON body, but the operation declares none');
    else checkValue(entry.spec, schema, request.body, 'body', problems, unchecked);
  }
  return { operation: `${entry.method.toUpperCase()} ${entry.template}`, problems, unchecked };
}

/**
 * The example answers the spec gives for an operation's 2xx responses: a response-level `example`
 * where there is one, else a body assembled from the schema's property examples (as Swagger UI does).
 */
export function specExampleResponses(method: string, template: string): Array<{ status: string; body: unknown }> {
  const entry = entries.find((candidate) => candidate.method === method.toLowerCase() && candidate.template === template);
  if (!entry) throw new Error(`no operation ${method} ${template} in spec/apps`);
  const examples: Array<{ status: string; body: unknown }> = [];
  for (const [status, response] of Object.entries(entry.operation.responses ?? {})) {
    const media = response.content?.['application/json'];
    if (!status.startsWith('2') || !media) continue;
    const body = media.example ?? (media.schema === undefined ? undefined : exampleOf(entry.spec, media.schema, new Set()));
    if (body !== undefined) examples.push({ status, body });
  }
  return examples;
}

/** The operation a concrete path belongs to; a literal segment beats a `{param}` one (`/contacts/search` over `/contacts/{contactId}`). */
function findEntry(method: string, pathname: string): SpecEntry | undefined {
  const segments = pathname.split('/');
  let best: { entry: SpecEntry; literals: number } | undefined;
  for (const entry of entries) {
    if (entry.method !== method.toLowerCase()) continue;
    const template = entry.template.split('/');
    if (template.length !== segments.length) continue;
    let literals = 0;
    const matches = template.every((part, index) => {
      if (/^\{[^}]+\}$/.test(part)) return (segments[index] ?? '') !== '';
      literals += 1;
      return part === segments[index];
    });
    if (matches && (!best || literals > best.literals)) best = { entry, literals };
  }
  return best?.entry;
}

type Schema = Record<string, unknown>;

function checkValue(spec: SpecDocument, rawSchema: unknown, value: unknown, where: string, problems: string[], unchecked: string[]): void {
  const schema = resolveRef<Schema>(spec, rawSchema);
  if (schema === undefined || value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (schema['items'] !== undefined) value.forEach((item, index) => checkValue(spec, schema['items'], item, `${where}.${index}`, problems, unchecked));
    return;
  }
  if (typeof value !== 'object') return;
  const properties = declaredProperties(spec, schema);
  if (properties === undefined) return; // a free-form value (e.g. a custom field's value): nothing to hold it to
  if (properties.size === 0) {
    unchecked.push(`${where}: the spec declares no fields`);
    return;
  }
  for (const [name, fieldValue] of Object.entries(value)) {
    const fieldSchema = properties.get(name);
    if (fieldSchema === undefined) problems.push(`${where}.${name} is not declared`);
    else checkValue(spec, fieldSchema, fieldValue, `${where}.${name}`, problems, unchecked);
  }
}

/**
 * The properties an object schema declares (through `allOf`/`anyOf`/`oneOf` too); undefined when the
 * schema is not a closed object (no `type: object` and no properties, or `additionalProperties` allowed).
 */
function declaredProperties(spec: SpecDocument, schema: Schema): Map<string, unknown> | undefined {
  const variants = ['allOf', 'anyOf', 'oneOf'].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []));
  if (variants.length > 0) {
    const merged = new Map<string, unknown>();
    for (const variant of variants) {
      const properties = declaredProperties(spec, resolveRef<Schema>(spec, variant) ?? {});
      if (properties === undefined) return undefined;
      for (const [name, property] of properties) if (!merged.has(name)) merged.set(name, property);
    }
    return merged;
  }
  const additional = schema['additionalProperties'];
  if (additional !== undefined && additional !== false) return undefined;
  const properties = schema['properties'] as Record<string, unknown> | undefined;
  if (properties === undefined) return schema['type'] === 'object' ? new Map() : undefined;
  return new Map(Object.entries(properties));
}

function exampleOf(spec: SpecDocument, rawSchema: unknown, seen: Set<unknown>): unknown {
  const schema = resolveRef<Schema>(spec, rawSchema);
  if (schema === undefined || seen.has(schema)) return undefined;
  if (schema['example'] !== undefined) return schema['example'];
  const inner = new Set(seen).add(schema);
  const variants = ['allOf', 'anyOf', 'oneOf'].flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []));
  if (variants.length > 0) {
    const parts = (schema['allOf'] ? variants : variants.slice(0, 1)).map((variant) => exampleOf(spec, variant, inner));
    return parts.every((part) => part !== null && typeof part === 'object' && !Array.isArray(part)) ? Object.assign({}, ...parts) : parts[0];
  }
  if (schema['type'] === 'array' || schema['items'] !== undefined) {
    const item = exampleOf(spec, schema['items'], inner);
    return item === undefined ? [] : [item];
  }
  const properties = schema['properties'] as Record<string, unknown> | undefined;
  if (properties !== undefined) {
    const entries = Object.entries(properties).map(([name, property]) => [name, exampleOf(spec, property, inner)] as const);
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  }
  return schema['default'] ?? (Array.isArray(schema['enum']) ? (schema['enum'] as unknown[])[0] : undefined);
}
