import type { Note } from '../../resources/contacts/activity-types.js';
import { noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { aligned, Output, type CliIO } from '../output.js';

const ADD_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  'user-id': { type: 'string' },
  title: { type: 'string' },
} as const;

/** `ghl notes add|list`: a contact's notes. */
export const notesCommand: Command = {
  name: 'notes',
  summary: "add a note to a contact, or list a contact's notes",
  help: `Usage:
  ghl notes add CONTACT_ID TEXT [--user-id USER_ID] [--title T] [--token-file PATH] [--json]
  ghl notes list CONTACT_ID [--token-file PATH] [--json]

add   POST /contacts/{contactId}/notes: TEXT becomes the note's body (quote it). Never retried once
      it may have reached GHL, so a dropped connection cannot add it twice; list the notes before
      adding it again.
list  GET /contacts/{contactId}/notes.

Input is validated before anything is sent: an empty TEXT or a malformed id exits 2 naming it.
--json prints the note (add) or { notes } (list).

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'add') return add(rest, io);
    if (sub === 'list') return list(rest, io);
    throw new UsageError(sub === undefined ? 'missing subcommand: add or list' : `unknown subcommand "${sub}": use add or list`, 'notes');
  },
};

async function add(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('notes', args, ADD_OPTIONS);
  noExtraPositionals(positionals, 2, 'notes');
  const [contactId, text] = positionals;
  if (contactId === undefined || text === undefined) throw new UsageError('notes add needs a CONTACT_ID and the TEXT of the note', 'notes');
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const note = await ghl.contacts.notes.create(contactId, {
    body: text,
    ...(values['user-id'] === undefined ? {} : { userId: values['user-id'] }),
    ...(values.title === undefined ? {} : { title: values.title }),
  });
  out.result(note);
  out.line(`Added note ${note.id} to contact ${contactId}`);
  printNote(out, note);
  return EXIT.ok;
}

async function list(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('notes', args, TOKEN_FILE_OPTION);
  noExtraPositionals(positionals, 1, 'notes');
  const [contactId] = positionals;
  if (contactId === undefined) throw new UsageError('notes list needs a CONTACT_ID', 'notes');
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const notes = await ghl.contacts.notes.list(contactId);
  out.result({ notes });
  out.line(`${notes.length} note(s) on contact ${contactId}`);
  for (const note of notes) out.line(`  ${note.id}  ${note.dateAdded ?? ''}  ${oneLine(note.body ?? '')}`.trimEnd());
  return EXIT.ok;
}

function printNote(out: Output, note: Note): void {
  const rows: Array<[string, string]> = [['body', oneLine(note.body ?? '')]];
  if (note.title) rows.push(['title', note.title]);
  if (note.userId) rows.push(['user', note.userId]);
  if (note.dateAdded) rows.push(['added', note.dateAdded]);
  for (const row of aligned(rows)) out.line(row);
}

/** A note's first line, shortened: a terminal listing is no place for a whole note. */
function oneLine(text: string): string {
  const first = text.split('\n')[0] ?? '';
  return first.length > 80 ? `${first.slice(0, 77)}...` : first;
}
