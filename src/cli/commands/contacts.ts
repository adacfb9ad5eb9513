import { dropUndefined } from '../../auth/token-set.js';
import type { Contact, CreateContactInput } from '../../resources/contacts/types.js';
import { integerOption, noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { aligned, Output, type CliIO } from '../output.js';
import { IMPORT_DETAILS, IMPORT_HELP, importContacts } from './contacts-import.js';

const CREATE_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  email: { type: 'string' },
  phone: { type: 'string' },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  name: { type: 'string' },
  'company-name': { type: 'string' },
  source: { type: 'string' },
  tag: { type: 'string', multiple: true },
} as const;

const SEARCH_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  query: { type: 'string', short: 'q' },
  limit: { type: 'string' },
  page: { type: 'string' },
} as const;

/** `ghl contacts create|get|search`. */
export const contactsCommand: Command = {
  name: 'contacts',
  summary: 'create, get, search or import contacts',
  help: `Usage:
  ghl contacts create (--email EMAIL | --phone P) [--first-name F] [--last-name L] [--name N]
                      [--company-name C] [--source S] [--tag T]... [--token-file PATH] [--json]
  ghl contacts get CONTACT_ID [--token-file PATH] [--json]
  ghl contacts search [--query TEXT] [--limit N] [--page N] [--token-file PATH] [--json]
${IMPORT_HELP}

create  POST /contacts/: a new contact in GHL_LOCATION_ID. Never retried once it may have reached
        GHL, so it cannot create a duplicate; when the location forbids duplicates and the email or
        phone exists, it fails (exit 1) naming the existing contact.
get     GET /contacts/{id}.
search  POST /contacts/search: free-text query (at most 75 characters), 20 per page by default.
${IMPORT_DETAILS}

Input is validated before anything is sent: a bad email or an empty tag exits 2 naming the field.
--json prints the contact (create, get) or { contacts, total } (search).

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, io);
    if (sub === 'get') return get(rest, io);
    if (sub === 'search') return search(rest, io);
    if (sub === 'import') return importContacts(rest, io);
    throw new UsageError(sub === undefined ? 'missing subcommand: create, get, search or import' : `unknown subcommand "${sub}": use create, get, search or import`, 'contacts');
  },
};

async function create(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('contacts', args, CREATE_OPTIONS);
  noExtraPositionals(positionals, 0, 'contacts');
  if (values.email === undefined && values.phone === undefined) throw new UsageError('contacts create needs --email or --phone', 'contacts');
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const input: CreateContactInput = dropUndefined({
    email: values.email,
    phone: values.phone,
    firstName: values['first-name'],
    lastName: values['last-name'],
    name: values.name,
    companyName: values['company-name'],
    source: values.source,
    tags: values.tag,
  });
  const contact = await ghl.contacts.create(input);
  out.result(contact);
  out.line(`Created contact ${contact.id}`);
  printContact(out, contact);
  return EXIT.ok;
}

async function get(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('contacts', args, TOKEN_FILE_OPTION);
  noExtraPositionals(positionals, 1, 'contacts');
  const id = positionals[0];
  if (id === undefined) throw new UsageError('contacts get needs a CONTACT_ID', 'contacts');
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const contact = await ghl.contacts.get(id);
  out.result(contact);
  out.line(`Contact ${contact.id}`);
  printContact(out, contact);
  return EXIT.ok;
}

async function search(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('contacts', args, SEARCH_OPTIONS);
  noExtraPositionals(positionals, 0, 'contacts');
  const pageLimit = integerOption(values.limit, 'limit', 'contacts', { min: 1, max: 500 });
  const page = integerOption(values.page, 'page', 'contacts', { min: 1, max: 10_000 });
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const { contacts, total } = await ghl.contacts.search({
    ...(values.query === undefined ? {} : { query: values.query }),
    ...(pageLimit === undefined ? {} : { pageLimit }),
    ...(page === undefined ? {} : { page }),
  });
  out.result({ contacts, total });
  out.line(`${total} contact(s) found${contacts.length < total ? `, showing ${contacts.length}` : ''}`);
  for (const contact of contacts) out.line(`  ${contact.id}  ${displayName(contact)}  ${contact.email ?? contact.phone ?? ''}`.trimEnd());
  return EXIT.ok;
}

function displayName(contact: Contact): string {
  const joined = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return contact.name ?? (joined || '(no name)');
}

function printContact(out: Output, contact: Contact): void {
  const rows: Array<[string, string]> = [['name', displayName(contact)]];
  if (contact.email) rows.push(['email', contact.email]);
  if (contact.phone) rows.push(['phone', contact.phone]);
  if (contact.companyName) rows.push(['company', contact.companyName]);
  if (contact.tags && contact.tags.length > 0) rows.push(['tags', contact.tags.join(', ')]);
  if (contact.dateAdded) rows.push(['added', contact.dateAdded]);
  for (const row of aligned(rows)) out.line(row);
}
