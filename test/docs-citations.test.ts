import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The repository carries its own knowledge: a comment cites a file of this repository (docs/…,
// spec/…) or a public URL, never a file outside it or a tracker number without its address.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SCANNED = ['src', 'test', 'bench', 'scripts', 'examples'];
const SKIPPED = new Set(['generated', 'node_modules']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mjs|js|tsx)$/.test(name) ? [path] : [];
  });
}

const files = SCANNED.flatMap((dir) => sources(join(ROOT, dir))).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const headings = (doc: string) =>
  readFileSync(join(ROOT, 'docs', doc), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .map((line) => line.replace(/^#+\s*/, ''));

/** `(file, line, match)` for every match of `pattern` in the scanned sources, this file excluded. */
function occurrences(pattern: RegExp): Array<{ where: string; match: RegExpMatchArray }> {
  return files
    .filter((f) => !f.path.endsWith('docs-citations.test.ts'))
    .flatMap((f) => [...f.text.matchAll(pattern)].map((match) => ({ where: `${f.path}:${f.text.slice(0, match.index).split('\n').length}`, match })));
}

describe('citations in the code', () => {
  it('name no file outside the repository and no bare tracker number', () => {
    const outside = occurrences(/\.\.\/shared|ARCHITECTURE\.md|toolchain\.md|\bissue #?\d+|(?<=[\s(])#\d{1,4}\b/g).map((o) => `${o.where}: ${o.match[0]}`);
    expect(outside).toEqual([]);
  });

  it('cite docs that exist', () => {
    const missing = occurrences(/(?<![\w.-])(?:docs\/)?([a-z][\w-]*\.md)\b/g)
      .filter(({ match }) => !['README.md', 'CHANGELOG.md', 'BENCHMARKS.md', 'SOURCE.txt'].includes(match[1] as string))
      .filter(({ match }) => !existsSync(join(ROOT, 'docs', match[1] as string)))
      .map((o) => `${o.where}: ${o.match[0]}`);
    expect(missing).toEqual([]);
  });

  it('cite sections of docs/ghl-api.md that exist', () => {
    const sections = new Set(headings('ghl-api.md').map((h) => h.split(' ')[0]?.replace(/\.$/, '')));
    const missing = occurrences(/ghl-api\.md,? §\s?(\d+(?:\.\d+)?)(?!\d)/g)
      .filter(({ match }) => !sections.has(match[1]))
      .map((o) => `${o.where}: ${o.match[0]}`);
    expect(missing).toEqual([]);
  });

  it('cite sections of docs/architecture.md that exist', () => {
    const titles = headings('architecture.md');
    const missing = occurrences(/architecture\.md,? "([^"]+)"/g)
      .filter(({ match }) => !titles.some((title) => title.startsWith(match[1] as string)))
      .map((o) => `${o.where}: ${o.match[0]}`);
    expect(missing).toEqual([]);
  });
});
