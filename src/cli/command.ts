import type { ExitCode } from './exit.js';
import type { CliIO } from './output.js';

/** One `ghl <name>` command. Its `run` parses its own arguments; `--help` is answered before it runs. */
export interface Command {
  name: string;
  /** One line for `ghl --help`. */
  summary: string;
  /** The full `ghl <name> --help` text. */
  help: string;
  run(args: string[], io: CliIO): Promise<ExitCode>;
}

/** The exit-code paragraph every help text ends with. */
export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  GHL, the network or the token store failed (or a check did not pass)
  2  bad command line, invalid input or missing configuration (nothing was sent)`;

/** The configuration paragraph of every command that talks to GHL. */
export const CONFIG_HELP = `Configuration (environment):
  GHL_LOCATION_ID                  the sub-account (required)
  GHL_CLIENT_ID, GHL_CLIENT_SECRET the OAuth app (needed to refresh)
  GHL_REFRESH_TOKEN                a refresh token, or run \`ghl auth\` once
  GHL_ACCESS_TOKEN                 alone: a Private Integration Token (never refreshed)
  GHL_BASE_URL                     API origin (default https://services.leadconnectorhq.com)
  GHL_TOKEN_FILE                   the token file (default .ghl/tokens.json; --token-file wins)
  GHL_ENV_FILE                     keep tokens in this dotenv file instead (wins over both)
GHL_ACCESS_TOKEN/GHL_REFRESH_TOKEN only seed the token file: every refresh is saved there (so a
rotated refresh token is never lost) and later runs read it, unless the env holds a refresh token
the file has never seen (a re-install). This is GHLClient.fromEnv()'s store: an app and the CLI in
one folder share it.`;
