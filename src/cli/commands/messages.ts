import type { SendMessageInput } from '../../resources/conversations/types.js';
import { noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { Output } from '../output.js';
import { TIME_HELP, timeOption } from '../time-option.js';

const SEND_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  contact: { type: 'string' },
  sms: { type: 'string' },
  whatsapp: { type: 'string' },
  email: { type: 'string' },
  html: { type: 'string' },
  subject: { type: 'string' },
  at: { type: 'string' },
} as const;

/** `ghl messages send`. */
export const messagesCommand: Command = {
  name: 'messages',
  summary: 'send an SMS, WhatsApp or email message to a contact',
  help: `Usage:
  ghl messages send --contact CONTACT_ID (--sms TEXT | --whatsapp TEXT
                    | --email TEXT --subject S [--html HTML] | --html HTML --subject S)
                    [--at TIME] [--token-file PATH] [--json]

send  POST /conversations/messages: one message on one channel (GHL opens the contact's
      conversation if there is none). --at schedules it. Never retried once it may have reached
      GHL, so it cannot text twice: if the connection drops, the error says so; check the
      conversation's last messages before sending again.
${TIME_HELP}
--json prints { conversationId, messageId, … } as GHL returns it.

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io): Promise<ExitCode> {
    const [sub, ...rest] = args;
    if (sub !== 'send') throw new UsageError(sub === undefined ? 'missing subcommand: send' : `unknown subcommand "${sub}": use send`, 'messages');
    const { values, positionals } = parseCommandArgs('messages', rest, SEND_OPTIONS);
    noExtraPositionals(positionals, 0, 'messages');
    if (values.contact === undefined) throw new UsageError('messages send needs --contact', 'messages');
    const isEmail = values.email !== undefined || values.html !== undefined || values.subject !== undefined;
    const channels = [values.sms !== undefined, values.whatsapp !== undefined, isEmail].filter(Boolean).length;
    if (channels !== 1) throw new UsageError('messages send needs exactly one of --sms, --whatsapp or --email/--html (with --subject)', 'messages');
    const input: SendMessageInput = isEmail
      ? { type: 'Email', contactId: values.contact, ...(values.email === undefined ? {} : { message: values.email }), ...(values.html === undefined ? {} : { html: values.html }), ...(values.subject === undefined ? {} : { subject: values.subject }) }
      : { type: values.sms !== undefined ? 'SMS' : 'WhatsApp', contactId: values.contact, message: values.sms ?? values.whatsapp ?? '' };
    if (values.at !== undefined) input.scheduledTimestamp = timeOption(values.at);
    const out = new Output(io, values.json === true);
    const { ghl } = await loadClient(io, values['token-file']);
    const sent = await ghl.conversations.messages.send(input);
    out.result(sent);
    out.line(`${values.at === undefined ? 'Sent' : 'Scheduled'} ${input.type} message ${sent.messageId} in conversation ${sent.conversationId}`);
    return EXIT.ok;
  },
};
