import { noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { EXIT_CODES_HELP, type Command } from '../command.js';
import { loadCompanyClient } from '../config.js';
import { EXIT, UsageError } from '../exit.js';
import { aligned, Output } from '../output.js';

/** `ghl locations list`: where an agency's app is installed (`GET /oauth/installedLocations`). */
export const locationsCommand: Command = {
  name: 'locations',
  summary: "list the agency's locations where the app is installed (GHL_COMPANY_ID)",
  help: `Usage: ghl locations list [--all] [--query NAME] [--token-file PATH] [--json]

Lists the agency's locations where the app is installed, page after page
(GET /oauth/installedLocations, with the company token saved by \`ghl auth --company\`), and whether
each one holds a location token in the token file yet. Nothing is minted.

Options:
  --all              every location of the agency, installed or not
  --query NAME       only locations whose name contains NAME
  --token-file PATH  token file (default $GHL_TOKEN_FILE, else .ghl/tokens.json)
  --json             print { ok, locations: [{ id, name, isInstalled, hasToken }] }
  -h, --help         this help

Configuration (environment): GHL_COMPANY_ID, GHL_CLIENT_ID, GHL_CLIENT_SECRET (the app id is the
client id's part before the first "-"), GHL_BASE_URL.

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs('locations', args, { ...TOKEN_FILE_OPTION, all: { type: 'boolean' }, query: { type: 'string' } });
    if (positionals[0] !== 'list') throw new UsageError(positionals.length === 0 ? 'say what to do: ghl locations list' : `unknown subcommand "${positionals[0]}" (expected "list")`, 'locations');
    noExtraPositionals(positionals, 1, 'locations');
    const out = new Output(io, values.json === true);
    const { company, store } = await loadCompanyClient(io, values['token-file']);
    const rows: Array<{ id: string; name: string; isInstalled: boolean; hasToken: boolean }> = [];
    for await (const location of company.installedLocations({ ...(values.all ? {} : { isInstalled: true }), ...(values.query ? { query: values.query } : {}) })) {
      rows.push({ id: location.id, name: location.name, isInstalled: location.isInstalled === true, hasToken: (await store.get(location.id)) !== null });
    }
    out.result({ ok: true, companyId: company.companyId, locations: rows });
    out.line(`${rows.length} location(s) of company ${company.companyId}${values.all ? '' : ' with the app installed'}:`);
    const table = rows.map((row) => [row.id, `${row.name} (${row.isInstalled ? 'installed' : 'not installed'}, ${row.hasToken ? 'token stored' : 'no token yet'})`] as const);
    for (const line of table.length > 0 ? aligned(table) : []) out.line(line);
    return EXIT.ok;
  },
};
