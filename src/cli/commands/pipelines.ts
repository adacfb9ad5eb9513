import { noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { Output, type CliIO } from '../output.js';

/** `ghl pipelines list`. */
export const pipelinesCommand: Command = {
  name: 'pipelines',
  summary: 'list the pipelines and their stages',
  help: `Usage:
  ghl pipelines list [--token-file PATH] [--json]

list  GET /opportunities/pipelines: every pipeline of GHL_LOCATION_ID with its stages in order
      (the stage ids are what \`ghl opportunities list --stage\` takes).
--json prints the pipelines as GHL returns them.

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'list') return list(rest, io);
    throw new UsageError(sub === undefined ? 'missing subcommand: list' : `unknown subcommand "${sub}": use list`, 'pipelines');
  },
};

async function list(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('pipelines', args, TOKEN_FILE_OPTION);
  noExtraPositionals(positionals, 0, 'pipelines');
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const pipelines = await ghl.opportunities.pipelines.list();
  out.result(pipelines);
  out.line(`${pipelines.length} pipeline(s)`);
  for (const pipeline of pipelines) {
    out.line(`  ${pipeline.id}  ${pipeline.name ?? '(no name)'}`);
    for (const stage of pipeline.stages ?? []) out.line(`    ${stage.id}  ${stage.name ?? '(no name)'}`);
  }
  return EXIT.ok;
}
