import { parseCommandArgs, noExtraPositionals, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { describeStore, loadClient } from '../config.js';
import { EXIT } from '../exit.js';
import { aligned, humanDuration, Output } from '../output.js';

/** `ghl status`: configuration and token state, the original integration's `GET /status`. Calls nothing. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'show configuration and token state (sends nothing to GHL)',
  help: `Usage: ghl status [--token-file PATH] [--json]

Shows whether the integration is configured, where its tokens come from, and whether the access
token is valid and for how long. Reads local state only: nothing is sent to GHL, no token is
refreshed, and no token is ever printed.

Options:
  --token-file PATH  token file (default $GHL_TOKEN_FILE, else .ghl/tokens.json)
  --json             print one JSON object
  -h, --help         this help

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs('status', args, TOKEN_FILE_OPTION);
    noExtraPositionals(positionals, 0, 'status');
    const out = new Output(io, values.json === true);
    const { ghl, store } = await loadClient(io, values['token-file']);
    const status = await ghl.status();
    out.result({ ok: true, ...status, tokenStore: { kind: store.kind, path: store.path } });

    const token = !status.refreshable
      ? 'Private Integration Token (used as is, never refreshed)'
      : status.refreshTokenRejected
        ? status.tokenValid && status.expiresAt !== undefined
          ? `GHL rejected the refresh token: calls work until ${new Date(status.expiresAt).toISOString()}; run \`ghl auth\` before then`
          : 'GHL rejected the refresh token and the access token has expired: run `ghl auth`'
        : status.tokenValid && status.expiresInMs !== undefined
          ? `valid, expires in ${humanDuration(status.expiresInMs)}`
          : 'expired or not fetched yet: the next call refreshes it';
    out.line('GHL integration status');
    for (const row of aligned([
      ['configured', status.configured ? 'yes' : `no (missing ${status.missing.join(', ')})`],
      ['location', status.locationId],
      ['base URL', status.baseUrl],
      ['tokens kept in', describeStore(store)],
      ['access token', token],
      ['refresh policy', status.refreshPolicy],
    ])) {
      out.line(row);
    }
    return EXIT.ok;
  },
};
