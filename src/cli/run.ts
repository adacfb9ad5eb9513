import { authCommand } from './commands/auth.js';
import { appointmentsCommand, calendarsCommand, slotsCommand } from './commands/calendars.js';
import { contactsCommand } from './commands/contacts.js';
import { demoCommand } from './commands/demo.js';
import { locationsCommand } from './commands/locations.js';
import { messagesCommand } from './commands/messages.js';
import { notesCommand } from './commands/notes.js';
import { opportunitiesCommand } from './commands/opportunities.js';
import { pipelinesCommand } from './commands/pipelines.js';
import { statusCommand } from './commands/status.js';
import { testCommand } from './commands/test.js';
import { EXIT_CODES_HELP, type Command } from './command.js';
import { describeFailure, EXIT, exitCodeFor, failureJson, UsageError, type ExitCode } from './exit.js';
import type { CliIO } from './output.js';
import { packageVersion } from './version.js';

const COMMANDS: readonly Command[] = [statusCommand, testCommand, authCommand, contactsCommand, notesCommand, opportunitiesCommand, pipelinesCommand, calendarsCommand, slotsCommand, appointmentsCommand, messagesCommand, locationsCommand, demoCommand];

/** The command column of the help: the longest name and two spaces. */
const NAME_WIDTH = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;

const GLOBAL_HELP = `ghl: the ghl-sdk command line for the HighLevel (GoHighLevel) API v2

Usage: ghl <command> [options]
       ghl <command> --help
       ghl --version

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(NAME_WIDTH)}${command.summary}`).join('\n')}

Every command takes --json (one JSON document on stdout; on failure { ok: false, error }) and
--help. Errors are one line on stderr. No command ever prints a token: refresh tokens appear
only as fingerprints.

${EXIT_CODES_HELP}

Try it without a GHL account: ghl demo`;

/**
 * The whole CLI, in-process: runs `argv` (without the node and script paths) against the given
 * environment, streams and working directory, and resolves with the exit code. The bin only
 * passes `process` in; tests pass buffers and a temp directory.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(`${GLOBAL_HELP}\n`);
    return EXIT.usage;
  }
  if (name === '--version') {
    io.stdout.write(`ghl-sdk ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((command) => command.name === args[0]) : undefined;
    io.stdout.write(`${topic?.help ?? GLOBAL_HELP}\n`);
    return EXIT.ok;
  }
  const json = args.includes('--json');
  try {
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (wantsHelp(args)) {
      io.stdout.write(`${command.help}\n`);
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    io.stderr.write(`${describeFailure(error)}\n`);
    if (json) io.stdout.write(`${JSON.stringify(failureJson(error), null, 2)}\n`);
    return exitCodeFor(error);
  }
}

/** `--help`/`-h` anywhere before a `--` terminator. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
