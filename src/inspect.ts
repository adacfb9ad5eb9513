/**
 * `console.log(ghl)` or a logger that serialises objects would otherwise print every field,
 * client secret and tokens included. Objects that hold credentials define this hook (and `toJSON`)
 * to show a summary instead.
 */
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** `Name { a: 'x', b: 2 }`, the way util.inspect would print the non-secret fields. */
export function describeObject(name: string, fields: Record<string, unknown>): string {
  const shown = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? `'${value}'` : String(value)}`);
  return `${name} { ${shown.join(', ')} }`;
}
