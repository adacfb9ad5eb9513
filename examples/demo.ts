/**
 * The quickstart: `npm run demo` (no account, no env vars) tells the story of an app creating,
 * upserting and syncing contacts across several token expiries against the embedded GHL
 * simulator. `npm run demo -- --live` runs it against real GHL with your GHL_* variables and
 * creates two clearly-named test contacts there; `npm run demo -- --help` says exactly what.
 *
 * It is `ghl demo` (src/cli/demo/): one story, two ways to start it.
 */
import { runCli } from '../src/cli/run.js';

process.exitCode = await runCli(['demo', ...process.argv.slice(2)], {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
