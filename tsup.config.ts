import { existsSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// One name per published entry point; `exports` in package.json maps each to ESM + CJS + types.
const entries: Record<string, string> = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  'testing-msw': 'src/testing/msw.ts',
  redis: 'src/redis/index.ts',
  webhooks: 'src/webhooks/index.ts',
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

// zod is bundled (only the zod/mini parts we use) in both formats: no zod type is public, and
// bundled it costs less cold start and install than as a dependency (README "Performance", figures
// from bench/). ky, p-retry and async-mutex are dependencies: the ESM build imports them.
const bundledInBoth = ['zod'];

export default defineConfig([
  { ...shared, format: ['esm'], noExternal: bundledInBoth },
  // ky and p-retry (with its is-network-error) are ESM-only: the CJS build inlines them so that
  // `require('ghl-sdk')` works on every Node >= 20, not only where require(esm) is on (toolchain.md §3).
  // p-queue (the rate limiter's window) and its p-timeout are ESM-only too.
  // Dual-package identity does not bite: no ky or p-retry class is public or compared across builds.
  { ...shared, format: ['cjs'], noExternal: [...bundledInBoth, 'ky', 'p-retry', 'is-network-error', 'p-queue', 'p-timeout'] },
  // The `ghl` bin: run, never imported, so ESM only and no declarations.
  { ...shared, entry: { cli: 'src/cli/index.ts' }, format: ['esm'], splitting: false, dts: false },
]);
