import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as webhooks from '../../src/webhooks/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every module specifier reachable from `entry` through relative imports (type-only ones included). */
function importGraph(entry: string): { files: string[]; external: string[] } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else external.add(specifier);
    }
  };
  visit(resolve(ROOT, entry));
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), external: [...external].sort() };
}

describe("'ghl-sdk/webhooks' entry", () => {
  it('imports no Node built-in (directly or through anything it loads), so it runs on Bun, Deno and edge runtimes', () => {
    const { files, external } = importGraph('src/webhooks/index.ts');
    expect(files).toContain('src/webhooks/verify.ts');
    expect(external).toContain('zod/mini');
    expect(external.filter((specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier))).toEqual([]);
  });

  it('exports the verifier, the handler, the replay store, the error and the event helpers', () => {
    expect(Object.keys(webhooks).sort()).toEqual(
      [
        'GHLWebhookError',
        'GHL_WEBHOOK_ED25519_PUBLIC_KEY',
        'GHL_WEBHOOK_RSA_PUBLIC_KEY',
        'KNOWN_WEBHOOK_EVENT_TYPES',
        'MemoryWebhookReplayStore',
        'createWebhookHandler',
        'isKnownWebhookEvent',
        'verifyWebhook',
      ].sort(),
    );
  });

  it('is wired into package.json exports and typesVersions like the other entries', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; typesVersions: Record<string, Record<string, string[]>> };
    expect(pkg.exports['./webhooks']).toEqual({
      import: { types: './dist/webhooks.d.ts', default: './dist/webhooks.js' },
      require: { types: './dist/webhooks.d.cts', default: './dist/webhooks.cjs' },
    });
    expect(pkg.typesVersions['*']!['webhooks']).toEqual(['./dist/webhooks.d.cts']);
  });
});
