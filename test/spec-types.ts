/*
 * Type-level companions of test/spec-conformance.ts: they tie a resource's hand-written schemas and
 * types to the types generated from GHL's specs (src/generated/), so the two cannot drift apart
 * without `npm run typecheck` failing.
 *
 *   expectTypeOf<UndeclaredFields<Sent, ApiBody<'post', '/contacts/'>>>().toBeNever();   // no field the spec lacks
 *   expectTypeOf<OnTheWire<Sent>>().toExtend<ApiBody<'post', '/contacts/'>>();           // every field's type fits
 */

/** `T` as JSON carries it: an optional property holds no `undefined` (it is left out), at every depth. */
export type OnTheWire<T> = T extends readonly (infer Item)[]
  ? OnTheWire<Item>[]
  : T extends object
    ? { [K in keyof T]: OnTheWire<Exclude<T[K], undefined>> }
    : T;

/**
 * The dotted paths of fields in `Ours` that `Spec` does not declare, at every depth (`[]` for an array
 * item); `never` when there are none.
 */
export type UndeclaredFields<Ours, Spec, Prefix extends string = ''> = Ours extends readonly (infer Item)[]
  ? Spec extends readonly (infer SpecItem)[]
    ? UndeclaredFields<Item, SpecItem, `${Prefix}[].`>
    : never
  : Ours extends object
    ? {
        [K in keyof Ours & string]-?: K extends keyof Spec
          ? UndeclaredFields<Exclude<Ours[K], undefined>, Exclude<Spec[K], undefined>, `${Prefix}${K}.`>
          : `${Prefix}${K}`;
      }[keyof Ours & string]
    : never;
