import type * as z from 'zod/mini';
import { GHLResponseError, GHLValidationError, type ValidationIssue } from './errors.js';

// zod/mini ships no locale (that is where its 4 kB come from), so its messages all read "Invalid
// input". We phrase each issue ourselves, from its code.
function phrase(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_format':
      // A regex check carries its own message (zod's "valid regex" would read as "pass a regex").
      return issue.format === 'regex' && issue.message && issue.message !== 'Invalid input' ? issue.message : `must be a valid ${issue.format}`;
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} item(s)` : `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' character(s)' : ''}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} item(s)` : `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' character(s)' : ''}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any accepted shape';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is invalid';
  }
}

function toIssues(error: z.core.$ZodError, root?: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const base = [...(root ? [root] : []), ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: base ? `${base}.${key}` : key, message: 'unknown field (GHL rejects unknown fields with 422)' });
      }
    } else {
      issues.push({ path: base || '(input)', message: phrase(issue) });
    }
  }
  return issues;
}

/**
 * Validates input before anything is sent; the error names every offending field. `root` names a
 * bare argument (a contact id, a tag list) so its issues read `contactId` / `tags.0`, not `(input)`.
 */
export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown, what: string, root?: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toIssues(result.error, root);
  throw new GHLValidationError(`Invalid ${what}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
}

/** Checks a 2xx body against what GHL documents; a mismatch is a typed error, not a crash later. */
export function parseResponse<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = toIssues(result.error).map((i) => `${i.path} ${i.message}`).join('; ');
  throw new GHLResponseError(`GHL answered ${what} with an unexpected body (${fields})`, body);
}
