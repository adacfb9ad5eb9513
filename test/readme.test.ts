import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { simulatorClient } from './helpers/simulator.js';
import { readmeSamples, runnableSource, typecheckSource, type Placeholder, type Sample } from './readme/samples.js';
import { typecheck } from './readme/typecheck.js';

// Every ```ts block of README.md is type-checked against the source (imports of 'ghl-sdk' resolve to
// src/ through tsconfig.json `paths`), and run against the simulator unless marked
// `<!-- readme-test: compile only (reason) -->`. Blocks may use the names in PLACEHOLDERS
// (test/readme/samples.ts) without defining them.

const root = new URL('../', import.meta.url);
const samples = readmeSamples(readFileSync(new URL('README.md', root), 'utf8'));
// Inside the repository, so 'ghl-sdk' and node_modules resolve as for any file here; not under
// src/ or test/, so `npm run typecheck` never sees a leftover.
const sampleDir = join(new URL('.', root).pathname, '.readme-samples');
const samplePath = (sample: Sample) => join(sampleDir, `line-${sample.line}.ts`);

afterAll(() => rmSync(sampleDir, { recursive: true, force: true }));

describe('README.md TypeScript samples', () => {
  it('has samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(5);
  });

  it('every sample compiles', () => {
    const files = new Map(samples.map((sample) => [samplePath(sample), typecheckSource(sample)]));
    const problems = typecheck(files, new URL('tsconfig.json', root).pathname).map((problem) => {
      const sample = samples.find((candidate) => samplePath(candidate) === problem.file) as Sample;
      // typecheckSource puts the placeholder declarations on one line before the sample.
      return `README.md:${sample.line + problem.line - 2}: ${problem.message}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);

  describe('runnable samples run against the simulator', () => {
    afterEach(() => {
      delete (globalThis as { __readmeSample?: unknown }).__readmeSample;
    });

    it.each(samples.filter((sample) => sample.compileOnly === undefined).map((sample) => [sample.line, sample] as const))('README.md:%i', async (_line, sample) => {
      const { sim, ghl } = await simulatorClient();
      // A second install's pair for the samples' own `fromEnv()` clients, so they never spend `ghl`'s.
      const tokens = sim.issueTokens();
      const tokenDir = join(tmpdir(), `ghl-readme-${process.pid}-${sample.line}`);
      // The samples' `fromEnv()` finds this simulator; its durable token copy goes to a temp folder.
      for (const [name, value] of Object.entries({
        GHL_LOCATION_ID: sim.locationId,
        GHL_CLIENT_ID: sim.clientId,
        GHL_CLIENT_SECRET: sim.clientSecret,
        GHL_REFRESH_TOKEN: tokens.refreshToken,
        GHL_BASE_URL: sim.url,
        GHL_TOKEN_FILE: join(tokenDir, 'tokens.json'),
      })) {
        vi.stubEnv(name, value);
      }
      vi.stubEnv('GHL_ACCESS_TOKEN', undefined);
      vi.stubEnv('GHL_ENV_FILE', undefined);
      sim.calendars.seed({ name: 'Demo calls' }); // for the "book an appointment" sample
      const values: Record<Placeholder, unknown> = {
        ghl,
        locationId: sim.locationId,
        code: sim.issueAuthorizationCode(),
        companyId: sim.companyId,
        companyCode: agencyInstallCode(sim),
      };
      (globalThis as { __readmeSample?: unknown }).__readmeSample = values;
      vi.spyOn(console, 'log').mockImplementation(() => undefined);

      mkdirSync(sampleDir, { recursive: true });
      writeFileSync(samplePath(sample), runnableSource(sample));
      try {
        // Resolves once the sample's top-level code (awaits included) ran to its end without throwing.
        await expect(import(pathToFileURL(samplePath(sample)).href)).resolves.toBeDefined();
      } finally {
        rmSync(tokenDir, { recursive: true, force: true });
      }
    });
  });
});

/** An agency with three locations that installed the app in bulk: the Company code its callback gets. */
function agencyInstallCode(sim: Awaited<ReturnType<typeof simulatorClient>>['sim']): string {
  sim.agency.addLocations(3);
  return sim.agency.bulkInstall();
}
