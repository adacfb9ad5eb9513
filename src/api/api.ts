import { GHLConfigError, GHLValidationError, type ValidationIssue } from '../errors.js';
import { expandPathTemplate } from '../http/path.js';
import type { Requester, TokenAudience } from '../http/requester.js';
import type { CallOptions, HttpMethod, QueryValue, RequestSpec } from '../http/transport.js';
import { findOperation, type OperationInfo } from './operations.js';
import type { ApiArguments, ApiPath, ApiResult } from './types.js';

interface UntypedOptions {
  path?: Record<string, unknown>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  version?: string;
  idempotent?: boolean;
}

const OPTION_NAMES = new Set(['path', 'query', 'body', 'version', 'idempotent']);

/**
 * `ghl.api`: every operation of GHL's v2 specs, typed from them. The path is the spec's template;
 * `{…}` values go in `path`, each encoded into its own segment. The `Version` header is the one the
 * operation's spec declares unless `version` says otherwise. Calls run through the same token,
 * retry, 401-replay, rate-limit and error handling as `ghl.contacts`.
 *
 * ```ts
 * const { opportunity } = await ghl.api.get('/opportunities/{id}', { path: { id } });
 * await ghl.api.post('/contacts/{contactId}/notes', { path: { contactId }, body: { body: 'Called' } });
 * ```
 */
export class GHLApi {
  readonly #requester: Requester;

  constructor(requester: Requester) {
    this.#requester = requester;
  }

  get<P extends ApiPath<'get'>>(path: P, ...args: ApiArguments<'get', P>): Promise<ApiResult<'get', P>> {
    return this.#send('GET', path, args) as Promise<ApiResult<'get', P>>;
  }

  post<P extends ApiPath<'post'>>(path: P, ...args: ApiArguments<'post', P>): Promise<ApiResult<'post', P>> {
    return this.#send('POST', path, args) as Promise<ApiResult<'post', P>>;
  }

  put<P extends ApiPath<'put'>>(path: P, ...args: ApiArguments<'put', P>): Promise<ApiResult<'put', P>> {
    return this.#send('PUT', path, args) as Promise<ApiResult<'put', P>>;
  }

  patch<P extends ApiPath<'patch'>>(path: P, ...args: ApiArguments<'patch', P>): Promise<ApiResult<'patch', P>> {
    return this.#send('PATCH', path, args) as Promise<ApiResult<'patch', P>>;
  }

  delete<P extends ApiPath<'delete'>>(path: P, ...args: ApiArguments<'delete', P>): Promise<ApiResult<'delete', P>> {
    return this.#send('DELETE', path, args) as Promise<ApiResult<'delete', P>>;
  }

  async #send(method: HttpMethod, template: string, [options, call]: readonly unknown[]): Promise<unknown> {
    const operation = findOperation(method, template);
    if (!operation) {
      const message = `${method} ${String(template)} is not an operation of GHL's v2 specs (for anything else, use ghl.request())`;
      throw new GHLValidationError(message, [{ path: 'path', message: 'not a path template of the specs for this method' }]);
    }
    checkAudience(method, template, operation, this.#requester.audience);
    const request = checkOptions(options);
    const spec: RequestSpec = {
      method,
      path: expandPathTemplate(template, request.path),
      query: request.query,
      version: request.version ?? operation.version,
      idempotent: request.idempotent,
      ...encodeBody(operation, request.body),
    };
    return this.#requester.send(spec, call as CallOptions | undefined);
  }
}

/**
 * An operation whose spec `security` takes only an agency token cannot succeed on a location client,
 * nor a sub-account-only one on a company client (docs/ghl-api.md §1.5): say which client to use,
 * before anything is sent. Operations that take either, or declare nothing, go through.
 */
function checkAudience(method: HttpMethod, template: string, operation: OperationInfo, audience: TokenAudience): void {
  if (operation.security === 'agency' && audience === 'location') {
    throw new GHLConfigError(
      `${method} ${template} takes an agency (Company) token (its spec security is Agency-Access): call it on the company client, GHLClient.forCompany({ companyId, … }).api, not on a location client. Nothing was sent.`,
    );
  }
  if (operation.security === 'location' && audience === 'agency') {
    throw new GHLConfigError(
      `${method} ${template} takes a sub-account (Location) token (its spec security is Location-Access): call it on a location client, company.location(locationId).api, not on the company client. Nothing was sent.`,
    );
  }
}

/** The types already hold TypeScript callers to this; plain JavaScript gets the same rules at run time. */
function checkOptions(options: unknown): UntypedOptions {
  if (options === undefined) return {};
  const issues: ValidationIssue[] = [];
  if (!isPlainObject(options)) {
    issues.push({ path: '(options)', message: 'expected an object { path?, query?, body?, version?, idempotent? }' });
  } else {
    for (const name of Object.keys(options)) if (!OPTION_NAMES.has(name)) issues.push({ path: name, message: 'unknown option' });
    for (const name of ['path', 'query'] as const) {
      if (options[name] !== undefined && !isPlainObject(options[name])) issues.push({ path: name, message: 'expected an object' });
    }
    if (options['version'] !== undefined && typeof options['version'] !== 'string') issues.push({ path: 'version', message: 'expected a string' });
    if (options['idempotent'] !== undefined && typeof options['idempotent'] !== 'boolean') issues.push({ path: 'idempotent', message: 'expected a boolean' });
  }
  if (issues.length > 0) throw new GHLValidationError(`Invalid request options: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return options as UntypedOptions;
}

/** JSON as is; form fields as strings (the token endpoints); multipart as the caller's `FormData`. */
function encodeBody(operation: OperationInfo, body: unknown): Pick<RequestSpec, 'body' | 'form'> {
  if (body === undefined) return {};
  if (operation.body === 'json') return { body };
  if (operation.body === 'multipart') {
    if (body instanceof FormData) return { body };
    throw new GHLValidationError('Invalid body: this operation takes multipart/form-data, pass a FormData', [{ path: 'body', message: 'expected a FormData' }]);
  }
  const fields = isPlainObject(body) ? Object.entries(body).filter(([, value]) => value !== undefined && value !== null) : undefined;
  const bad = fields?.filter(([, value]) => !['string', 'number', 'boolean'].includes(typeof value)) ?? [];
  if (!fields || bad.length > 0) {
    const issues = fields ? bad.map(([name]) => ({ path: `body.${name}`, message: 'expected a string, number or boolean (form field)' })) : [{ path: 'body', message: 'expected an object of form fields' }];
    throw new GHLValidationError(`Invalid body: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  }
  return { form: Object.fromEntries(fields.map(([name, value]) => [name, String(value)])) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
