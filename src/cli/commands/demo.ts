import { noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { runDemo } from '../demo/run-demo.js';
import { Output } from '../output.js';

/** `ghl demo` (also `npm run demo`): the quickstart story, on the embedded simulator by default. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'the quickstart story against the embedded GHL simulator (--live: real GHL)',
  help: `Usage: ghl demo [--live [--token-file PATH]] [--json]
       npm run demo [-- --live] [-- --json]

Creates, upserts and syncs contacts (contacts.create, contacts.upsert, sync.user 'full_account',
sync.newsletter, contacts.addTags, contacts.search, contacts.get) across several access-token
expiries, and prints every HTTP call, refresh and refresh-token rotation (as an 8-digit
fingerprint, never the token), then the totals: API calls, token requests, invalid_grant (must
be 0). Needs no configuration: by default it starts the GHL simulator on 127.0.0.1 with 2-second
access tokens and a simulated clock, so it takes well under a second and writes nothing.

--live runs the same story against real GHL, configured like every ghl command (below). It
creates two clearly-named TEST CONTACTS in GHL_LOCATION_ID, "Ada Lovelace" and "Grace Hopper"
with emails ghl-sdk-demo+<name>-<run id>@example.com, tagged "ghl-sdk-demo" (delete them
afterwards). Access tokens last 24 h there, so it refreshes only when yours is due.

Options:
  --live             run against real GHL instead of the simulator
  --token-file PATH  token file for --live (default $GHL_TOKEN_FILE, else .ghl/tokens.json)
  --json             print one JSON object: { ok, mode, steps, totals, storeInSync, ... }
  -h, --help         this help

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs('demo', args, { ...TOKEN_FILE_OPTION, live: { type: 'boolean' } });
    noExtraPositionals(positionals, 0, 'demo');
    return runDemo(io, new Output(io, values.json === true), { live: values.live === true, tokenFile: values['token-file'] });
  },
};
