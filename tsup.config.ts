import { existsSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// One name per published entry point; `exports` in package.json maps each to ESM + CJS + types.
const entries: Record<string, string> = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  'testing-msw': 'src/testing/msw.ts',
  redis: 'src/redis/index.ts',
};
const entry = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

const shared: Options = {
  entry,
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  treeshake: true,
  // Shared chunks in both formats, so `GHLError` from 'ghl-sdk' and from 'ghl-sdk/redis' are one class.
  splitting: true,
  // TS 6 deprecates the baseUrl tsup injects for dts (toolchain.md gotcha 2). `@internal` members
  // (the resource base's zod-typed helpers) stay out of the published types: zod is not installed
  // with the package.
  dts: { compilerOptions: { ignoreDeprecations: '6.0', stripInternal: true } },
};

export default defineConfig([
  // zod is bundled (only the zod/mini parts we use): it is ~93 % of the weight and most of the
  // cold start when loaded from node_modules (toolchain.md §5), and no zod type is public, so zod
  // is a devDependency: installs do not download it.
  { ...shared, format: ['esm'], noExternal: ['zod'] },
  // The transport is plain fetch and the retry/mutex are in-house (BENCHMARKS.md): no runtime
  // dependency is left to inline, so CJS works on every supported Node without require(esm).
  // p-queue (the rate limiter's sliding window) and its p-timeout are ESM only: inlined here too.
  { ...shared, format: ['cjs'], noExternal: ['zod', 'p-queue', 'p-timeout'] },
  // The `ghl` bin: run, never imported, so ESM only and no declarations.
  { ...shared, entry: { cli: 'src/cli/index.ts' }, format: ['esm'], splitting: false, dts: false },
]);
