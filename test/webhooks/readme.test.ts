import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The README's webhook recipes are the files in recipes/, which `npm run typecheck` compiles (the
 * Express one against @types/express): what the README shows compiles.
 */
const ROOT = join(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

function recipe(name: string): string {
  return readFileSync(join(import.meta.dirname, 'recipes', name), 'utf8');
}

describe('README: Receiving webhooks', () => {
  it('shows the Hono recipe exactly as compiled in test/webhooks/recipes/hono.ts', () => {
    expect(blocks).toContain(recipe('hono.ts'));
  });

  it('shows the Express recipe exactly as compiled in test/webhooks/recipes/express.ts, with express.raw()', () => {
    expect(blocks).toContain(recipe('express.ts'));
    expect(recipe('express.ts')).toContain("express.raw({ type: 'application/json' }), webhooks.node");
  });
});
