import { parseCommandArgs, noExtraPositionals, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { ENV, readEnv } from '../../options.js';
import type { CliIO } from '../output.js';
import { describeStore, loadClient, loadCompanyClient, locationsWithTokens } from '../config.js';
import { EXIT } from '../exit.js';
import { aligned, humanDuration, Output } from '../output.js';

/** `ghl status`: configuration and token state, the original integration's `GET /status`. Calls nothing. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'show configuration and token state (sends nothing to GHL)',
  help: `Usage: ghl status [--token-file PATH] [--json]

Shows whether the integration is configured, where its tokens come from, and whether the access
token is valid and for how long. With GHL_COMPANY_ID and no GHL_LOCATION_ID (an agency install):
the company, its token, and how many of its locations hold tokens in the token file. Reads local state only: nothing is sent to GHL, no token is
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
    if (readEnv(io.env, ENV.locationId) === undefined && readEnv(io.env, ENV.companyId) !== undefined) return companyStatus(io, out, values['token-file']);
    const { ghl, store } = await loadClient(io, values['token-file']);
    const status = await ghl.status();
    // null, not absent, when unknown (no access token yet, or a Private Integration Token): a
    // script reading the JSON finds every field.
    const expiry = { expiresAt: status.expiresAt ?? null, expiresInMs: status.expiresInMs ?? null };
    out.result({ ok: true, ...status, ...expiry, tokenStore: { kind: store.kind, path: store.path } });

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

/** `ghl status` for an agency: the company token, and the locations holding tokens. Sends nothing. */
async function companyStatus(io: CliIO, out: Output, tokenFile: string | undefined): Promise<typeof EXIT.ok> {
  const { company, store } = await loadCompanyClient(io, tokenFile);
  const status = await company.status();
  const locations = await locationsWithTokens(store, company.companyId);
  out.result({ ok: true, ...status, expiresAt: status.expiresAt ?? null, expiresInMs: status.expiresInMs ?? null, locationsWithTokens: locations, tokenStore: { kind: store.kind, path: store.path } });
  const token = status.refreshTokenRejected
    ? 'GHL rejected the refresh token: run `ghl auth --company`'
    : status.tokenValid && status.expiresInMs !== undefined
      ? `valid, expires in ${humanDuration(status.expiresInMs)}`
      : 'expired or not fetched yet: the next call refreshes it';
  out.line('GHL agency status');
  for (const row of aligned([
    ['company', `${status.companyId} (tokens under "${status.key}")`],
    ['base URL', status.baseUrl],
    ['tokens kept in', describeStore(store)],
    ['company token', token],
    ['locations', `${locations} with a location token (minted on first use; \`ghl locations list\`)`],
  ])) {
    out.line(row);
  }
  return EXIT.ok;
}
