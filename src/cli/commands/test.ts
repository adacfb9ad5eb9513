import { parseCommandArgs, noExtraPositionals, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT } from '../exit.js';
import { Output } from '../output.js';

/** `ghl test`: the integration self-test, the original integration's `GET /test-integration`. */
export const testCommand: Command = {
  name: 'test',
  summary: 'run the integration self-test (config, a real token refresh, a read call)',
  help: `Usage: ghl test [--token-file PATH] [--json]

The integration self-test (the original integration's test-integration): checks the
configuration, refreshes the access token for real (the rotated refresh token is saved to the
token file before it is used), then makes one read call (a contacts search). Exits 1 when a
step fails; later steps are then skipped.

Options:
  --token-file PATH  token file (default $GHL_TOKEN_FILE, else .ghl/tokens.json)
  --json             print one JSON object: { ok, steps: [{ name, ok, ran, durationMs, detail }] }
  -h, --help         this help

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs('test', args, TOKEN_FILE_OPTION);
    noExtraPositionals(positionals, 0, 'test');
    const out = new Output(io, values.json === true);
    const { ghl } = await loadClient(io, values['token-file']);
    const report = await ghl.selfTest();
    out.result(report);
    out.line('GHL integration self-test');
    const width = Math.max(...report.steps.map((step) => step.name.length));
    for (const step of report.steps) {
      const mark = step.ok ? 'ok  ' : step.ran ? 'FAIL' : 'skip';
      out.line(`  ${mark}  ${step.name.padEnd(width)}  ${step.detail}${step.ran ? ` (${step.durationMs} ms)` : ''}`);
    }
    out.line(report.ok ? 'All checks passed.' : 'The self-test failed.');
    return report.ok ? EXIT.ok : EXIT.failure;
  },
};
