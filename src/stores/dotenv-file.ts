/**
 * Reading and surgically rewriting dotenv text. A `.env` is a file people edit by hand, so a rewrite
 * replaces only the value bytes of the variables it was asked to change: every other line, comment,
 * blank line, `export ` prefix, quoting style, inline comment and line ending (LF or CRLF) stays
 * byte-for-byte as it was. Syntax follows the `dotenv` package (quotes ' " `, multi-line quoted
 * values, `#` comments); lines it would not read as an assignment are left alone.
 */

/** One `KEY=value` assignment found in the text, with where its value sits. */
interface Assignment {
  key: string;
  /** The decoded value, as `dotenv` would read it. */
  value: string;
  /** Offsets of the value as written (quotes included; inline comment and padding excluded). */
  start: number;
  end: number;
  /** The quote the value was written in, or '' when unquoted. */
  quote: '' | "'" | '"' | '`';
}

const ASSIGNMENT = /[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/y;

function scan(text: string): Assignment[] {
  const found: Assignment[] = [];
  // A UTF-8 BOM is not part of the first key.
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  while (pos < text.length) {
    const lineEnd = indexOrEnd(text, '\n', pos);
    ASSIGNMENT.lastIndex = pos;
    const match = ASSIGNMENT.exec(text);
    if (!match || match.index !== pos || ASSIGNMENT.lastIndex > lineEnd) {
      pos = lineEnd + 1;
      continue;
    }
    const key = match[1] as string;
    const start = ASSIGNMENT.lastIndex;
    const first = text[start];
    if (first === '"' || first === "'" || first === '`') {
      const close = closingQuote(text, start + 1, first);
      if (close !== -1) {
        const inner = text.slice(start + 1, close);
        // dotenv expands \n and \r inside double quotes only.
        const value = first === '"' ? inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : inner;
        found.push({ key, value, start, end: close + 1, quote: first });
        // A quoted value may span lines: continue after the line its closing quote is on.
        pos = indexOrEnd(text, '\n', close) + 1;
        continue;
      }
    }
    // Unquoted: up to a `#` or the end of the line, trailing blanks (and a CRLF's \r) not included.
    const hash = text.indexOf('#', start);
    let end = hash !== -1 && hash < lineEnd ? hash : lineEnd;
    while (end > start && /[ \t\r]/.test(text[end - 1] as string)) end--;
    found.push({ key, value: text.slice(start, end), start, end, quote: '' });
    pos = lineEnd + 1;
  }
  return found;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** Every variable in the text. A key assigned twice reads as its last value, as `dotenv` does. */
export function parseDotenv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const { key, value } of scan(text)) values.set(key, value);
  return values;
}

/**
 * Sets variables in dotenv text, changing nothing else. A key that appears several times has every
 * occurrence rewritten (so any reader sees the new value); a missing key is appended at the end, on
 * its own line, with the file's line ending. `undefined` clears a present key to an empty value
 * (blank reads as unset) and appends nothing.
 */
export function updateDotenv(text: string, updates: Record<string, string | undefined>): string {
  const assignments = scan(text).filter((a) => Object.hasOwn(updates, a.key));
  let out = '';
  let copied = 0;
  for (const assignment of assignments) {
    out += text.slice(copied, assignment.start) + encodeValue(updates[assignment.key] ?? '', assignment.quote);
    copied = assignment.end;
  }
  out += text.slice(copied);

  const present = new Set(assignments.map((a) => a.key));
  const missing = Object.entries(updates).filter(([key, value]) => value !== undefined && !present.has(key));
  if (missing.length === 0) return out;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (out.length > 0 && !out.endsWith('\n')) out += eol;
  for (const [key, value] of missing) out += `${key}=${encodeValue(value as string, '')}${eol}`;
  return out;
}

// Tokens, epoch numbers and fingerprints are all plain: they can be written in any quoting style.
const PLAIN = /^[A-Za-z0-9._~+/=:,@-]*$/;

/** Writes a value in the quoting style it had, so the line reads the same to a human and to dotenv. */
function encodeValue(value: string, quote: Assignment['quote']): string {
  if (PLAIN.test(value)) return `${quote}${value}${quote}`;
  // Anything else goes in double quotes, the one style dotenv can escape newlines in.
  return `"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}
