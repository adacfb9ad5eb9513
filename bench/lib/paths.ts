import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root and its built output. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const DIST = `${ROOT}/dist`;
export const BENCH = `${ROOT}/bench`;

/** The BUILT ghl-sdk (dist/index.js), typed from its source. */
export async function loadSdk(): Promise<typeof import('../../src/index.js')> {
  return (await import(pathToFileURL(`${DIST}/index.js`).href)) as typeof import('../../src/index.js');
}
