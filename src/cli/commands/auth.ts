import { randomUUID } from 'node:crypto';
import { companyKey } from '../../agency/keys.js';
import { GHLClient } from '../../client.js';
import { GHLConfigError } from '../../errors.js';
import { ENV, readEnv } from '../../options.js';
import { integerOption, noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { EXIT_CODES_HELP, type Command } from '../command.js';
import { cliTokenStore, describeStore } from '../config.js';
import { EXIT, UsageError } from '../exit.js';
import { listenForCallback } from '../oauth-callback.js';
import { Output } from '../output.js';

const DEFAULT_PORT = 3456;
const DEFAULT_SCOPES = 'contacts.readonly contacts.write';
// An agency app lists its installs and mints location tokens (docs/ghl-api.md §1.4) and searches locations (§4).
const DEFAULT_COMPANY_SCOPES = 'oauth.readonly oauth.write locations.readonly contacts.readonly contacts.write';
const CALLBACK_PATH = '/oauth/callback';

/** `ghl auth`: the OAuth install flow with a callback listener on 127.0.0.1. */
export const authCommand: Command = {
  name: 'auth',
  summary: 'connect to GHL with OAuth and save the tokens to the token file',
  help: `Usage: ghl auth [--company] [--port N | --redirect-uri URL] [--scopes "a b"] [--token-file PATH]
                [--timeout SECONDS] [--json]

Prints the authorization URL (on stderr), listens on 127.0.0.1 for GHL's redirect, checks the
state parameter (a callback with a wrong state is refused and the wait goes on), exchanges the
code and saves the tokens to the token file (mode 0600) before answering the browser. Every
later \`ghl\` command (and GHLClient.fromEnv() in the same folder) uses them; refreshed tokens go
back there.
Register the redirect URI (default http://127.0.0.1:${DEFAULT_PORT}${CALLBACK_PATH}) in your GHL app.

Options:
  --company           install for an agency (a Company token, user_type=Company): the tokens are
                      saved under company:<companyId>; then set GHL_COMPANY_ID and use
                      \`ghl locations list\` (default scopes "${DEFAULT_COMPANY_SCOPES}")
  --port N            port to listen on, 0 for any free one (default ${DEFAULT_PORT})
  --redirect-uri URL  the redirect URI registered in your app, on 127.0.0.1 or localhost; the CLI
                      listens on its port and path (instead of --port)
  --scopes "a b"      scopes to request (default "${DEFAULT_SCOPES}")
  --token-file PATH   where to save the tokens (default $GHL_TOKEN_FILE, else .ghl/tokens.json;
                      GHL_ENV_FILE, when set, wins: the tokens go into that dotenv file)
  --timeout SECONDS   give up waiting after this long (default 300)
  --json              print { ok, locationId, tokenStore, userType, scope, expiresAt } (never a token);
                      with --company: companyId, key, approvedLocations, isBulkInstallation instead of locationId
  -h, --help          this help

Configuration (environment): GHL_CLIENT_ID and GHL_CLIENT_SECRET (required), GHL_BASE_URL
(token endpoint origin). The tokens are saved under the location GHL installed the app to.

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs('auth', args, {
      ...TOKEN_FILE_OPTION,
      port: { type: 'string' },
      'redirect-uri': { type: 'string' },
      scopes: { type: 'string' },
      timeout: { type: 'string' },
      company: { type: 'boolean' },
    });
    noExtraPositionals(positionals, 0, 'auth');
    const out = new Output(io, values.json === true);
    const listen = listenAddress(values.port, values['redirect-uri']);
    const timeoutSeconds = integerOption(values.timeout, 'timeout', 'auth', { min: 1, max: 86_400 }) ?? 300;
    const forCompany = values.company === true;
    const scopes = (values.scopes ?? (forCompany ? DEFAULT_COMPANY_SCOPES : DEFAULT_SCOPES)).split(/[\s,]+/).filter(Boolean);
    if (scopes.length === 0) throw new UsageError('--scopes needs at least one scope', 'auth');

    const missing = [ENV.clientId, ENV.clientSecret].filter((name) => readEnv(io.env, name) === undefined);
    if (missing.length > 0) throw new GHLConfigError(`Missing GHL configuration: ${missing.join(', ')} (the OAuth app's credentials)`, { missing });
    if (forCompany && readEnv(io.env, ENV.envFile) !== undefined) {
      throw new GHLConfigError(`${ENV.envFile} holds one token set, and an agency keeps one per location: unset it and use the token file (--token-file or ${ENV.tokenFile})`);
    }
    const envCompany = readEnv(io.env, ENV.companyId);
    const envLocation = forCompany ? (envCompany === undefined ? undefined : companyKey(envCompany)) : readEnv(io.env, ENV.locationId);
    const store = cliTokenStore(io, values['token-file'], envLocation);
    // exchangeCode saves under the location (or company) GHL installed to; these keys are only its fallback.
    const ghl = forCompany
      ? GHLClient.forCompany({ env: io.env, companyId: envCompany ?? 'ghl-auth', tokenStore: store })
      : new GHLClient({ env: io.env, locationId: envLocation ?? 'ghl-auth', tokenStore: store });

    // Everything that can fail is checked above: once listening, only the callback (or the timeout) ends the wait.
    const state = randomUUID();
    const callback = await listenForCallback({
      port: listen.port,
      path: listen.path,
      state,
      timeoutMs: timeoutSeconds * 1000,
      // Called only for a callback carrying `state`, i.e. after the URL below was printed.
      handle: (code) => ghl.oauth.exchangeCode(code, { redirectUri }),
      onRefused: (reason) => out.note(`ghl: ${reason}; still waiting`),
    });
    const redirectUri: string = listen.redirectUri ?? `http://127.0.0.1:${callback.port}${CALLBACK_PATH}`;
    const { url } = ghl.oauth.authorizationUrl({ scopes, redirectUri, state });
    out.note(`Open this URL in a browser and approve the app:\n\n  ${url}\n\nWaiting for GHL to redirect to ${redirectUri} (Ctrl-C to cancel)...`);

    const tokens = await callback.result;
    const isCompany = tokens.userType === 'Company';
    const id = isCompany ? (tokens.companyId ?? tokens.key) : tokens.key;
    out.result({
      ok: true,
      ...(isCompany ? { companyId: id, key: tokens.key, approvedLocations: tokens.approvedLocations, isBulkInstallation: tokens.isBulkInstallation } : { locationId: tokens.key }),
      tokenStore: { kind: store.kind, path: store.path },
      userType: tokens.userType,
      scope: tokens.scope,
      expiresAt: tokens.expiresAt,
    });
    out.line(`Connected: tokens for ${isCompany ? 'company' : 'location'} ${id} saved to ${describeStore(store)}.`);
    if (isCompany) {
      if (tokens.approvedLocations) out.line(`Approved locations: ${tokens.approvedLocations.length}${tokens.isBulkInstallation ? ' (a bulk install)' : ''}.`);
      if (envCompany !== id) out.line(`Set ${ENV.companyId}=${id} to use them (\`ghl locations list\`, GHLClient.companyFromEnv()).`);
    } else if (envLocation !== tokens.key) {
      out.line(`Set ${ENV.locationId}=${tokens.key} to use them.`);
    }
    return EXIT.ok;
  },
};

/** Where to listen: `--redirect-uri`'s port and path when given (it must be loopback), else `--port`. */
function listenAddress(port: string | undefined, redirectUri: string | undefined): { port: number; path: string; redirectUri: string | undefined } {
  if (redirectUri === undefined) {
    return { port: integerOption(port, 'port', 'auth', { min: 0, max: 65_535 }) ?? DEFAULT_PORT, path: CALLBACK_PATH, redirectUri: undefined };
  }
  if (port !== undefined) throw new UsageError('pass --port or --redirect-uri, not both (the CLI listens on the redirect URI\'s port)', 'auth');
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new UsageError(`--redirect-uri is not a URL: "${redirectUri}"`, 'auth');
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname)) {
    throw new UsageError('--redirect-uri must be http://127.0.0.1:PORT/... or http://localhost:PORT/... (the CLI receives the callback itself)', 'auth');
  }
  return { port: Number(url.port || 80), path: url.pathname, redirectUri };
}
