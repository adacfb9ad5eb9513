import fc from 'fast-check';

/**
 * Ids for the path property tests: ordinary strings, strings built from the pieces that move requests
 * (dots, slashes, backslashes, percent escapes, query and fragment marks, look-alike dots), and raw
 * code units (lone surrogates included).
 */
export function hostileIds(): fc.Arbitrary<string> {
  const piece = fc.constantFrom('.', '..', '/', '\\', '%', '%2e', '%2E', '%2f', '%5c', '%25', '?', '#', '@', ':', ' ', '\t', '\n', '\u0000', '\u2025', '\uff0e');
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );
}
