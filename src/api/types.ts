/*
 * The types of `ghl.api`, derived from the operations generated from GHL's specs
 * (src/generated/api-types.ts) plus the few hand-written shapes the specs leave empty (./overrides.ts).
 */
import type { ApiOperations } from '../generated/api-types.js';
import type { CallOptions } from '../http/transport.js';
import type { BodyOverrides, ResultOverrides } from './overrides.js';

/** The HTTP methods of `ghl.api`, as its method names. */
export type ApiMethod = keyof ApiOperations;

/** Every path template the specs declare for `M`, e.g. `'/contacts/{contactId}'` for `'get'`. */
export type ApiPath<M extends ApiMethod> = keyof ApiOperations[M] & string;

type Operation<M extends ApiMethod, P extends ApiPath<M>> = ApiOperations[M][P];

/** `'contactId' | 'id'` for `'/contacts/{contactId}/notes/{id}'`. */
export type PathParamNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParamNames<Rest> : never;

type OperationParameters<O> = O extends { parameters: infer P } ? P : never;

/**
 * Path parameters come from the template, not from the spec's parameter list: 13 operations forget to
 * declare one of their `{…}` segments. Where the spec does declare it, its type is used.
 */
type DeclaredPathParams<O> = OperationParameters<O> extends { path?: infer Declared } ? NonNullable<Declared> : never;

type PathValues<O, P extends string> = {
  [K in PathParamNames<P>]: [DeclaredPathParams<O>] extends [never] ? string : K extends keyof DeclaredPathParams<O> ? Exclude<DeclaredPathParams<O>[K], undefined> : string;
};

type PathOption<O, P extends string> = [PathParamNames<P>] extends [never]
  ? { path?: never }
  : {
      /** The template's `{…}` values, each encoded into its own segment (src/http/path.ts). */
      path: PathValues<O, P>;
    };

type QueryOption<O> =
  OperationParameters<O> extends { query: infer Q }
    ? {
        /** Query parameters as the spec declares them. */
        query: Q;
      }
    : OperationParameters<O> extends { query?: infer Q }
      ? [NonNullable<Q>] extends [never]
        ? { query?: never }
        : {
            /** Query parameters as the spec declares them. */
            query?: NonNullable<Q>;
          }
      : { query?: never };

type ContentBody<C> = C extends { 'application/json': infer B }
  ? B
  : C extends { 'application/x-www-form-urlencoded': infer F }
    ? F
    : C extends { 'multipart/form-data': unknown }
      ? FormData
      : never;

type SpecBody<O> = O extends { requestBody: { content: infer C } } ? ContentBody<C> : O extends { requestBody?: { content: infer C } } ? ContentBody<C> : never;

/** The request body of `M P`: the spec's (JSON; form fields; `FormData` for multipart), or ./overrides.ts's. */
export type ApiBody<M extends ApiMethod, P extends ApiPath<M>> = `${M} ${P}` extends keyof BodyOverrides
  ? BodyOverrides[`${M} ${P}`]
  : SpecBody<Operation<M, P>>;

type BodyOption<M extends ApiMethod, P extends ApiPath<M>> = [ApiBody<M, P>] extends [never]
  ? { body?: never }
  : Operation<M, P> extends { requestBody: object }
    ? {
        /** The request body as the spec declares it. */
        body: ApiBody<M, P>;
      }
    : {
        /** The request body as the spec declares it. */
        body?: ApiBody<M, P>;
      };

/** The query parameters of `M P` as the spec declares them (`never` when it takes none). */
export type ApiQuery<M extends ApiMethod, P extends ApiPath<M>> = NonNullable<OperationParameters<Operation<M, P>> extends { query?: infer Q } ? Q : never>;

/** The second argument of `ghl.api.<method>(path, options)`. */
export type ApiRequestOptions<M extends ApiMethod, P extends ApiPath<M>> = PathOption<Operation<M, P>, P> &
  QueryOption<Operation<M, P>> &
  BodyOption<M, P> & {
    /**
     * The `Version` header. Default: the one the operation's spec declares (`2021-04-15` for calendars,
     * conversations and the other files listed in docs/ghl-api.md §11; `2021-07-28` for most others); for the
     * few operations that declare none, the client's `apiVersion`.
     */
    version?: string;
    /**
     * Whether a retry after the request may have reached GHL (a 5xx, a reset, a timeout) is safe.
     * Default: true for GET, PUT and DELETE, false for POST and PATCH.
     */
    idempotent?: boolean;
  };

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SpecResult<O> = O extends { responses: infer R } ? JsonContent<R[Extract<keyof R, SuccessStatus | `${SuccessStatus}`>]> : never;

/** What `ghl.api.<method>(path, …)` resolves to: the spec's 2xx JSON body, or `unknown` where it declares none. */
export type ApiResult<M extends ApiMethod, P extends ApiPath<M>> = `${M} ${P}` extends keyof ResultOverrides
  ? ResultOverrides[`${M} ${P}`]
  : [SpecResult<Operation<M, P>>] extends [never]
    ? unknown
    : SpecResult<Operation<M, P>>;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The arguments after the path: the options (optional when nothing in them is required), then the call options. */
export type ApiArguments<M extends ApiMethod, P extends ApiPath<M>> = [RequiredKeys<ApiRequestOptions<M, P>>] extends [never]
  ? [options?: ApiRequestOptions<M, P>, call?: CallOptions]
  : [options: ApiRequestOptions<M, P>, call?: CallOptions];
