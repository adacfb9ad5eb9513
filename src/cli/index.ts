#!/usr/bin/env node
import { runCli } from './run.js';

// The bin: the CLI itself lives in run.ts, so tests run it in-process with their own streams.
// No top-level await: this entry is also built as CommonJS.
void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
