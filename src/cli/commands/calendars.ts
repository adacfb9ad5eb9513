import type { FreeSlotDay } from '../../resources/calendars/types.js';
import { noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { aligned, Output } from '../output.js';
import { TIME_HELP, timeOption } from '../time-option.js';

/** `ghl calendars list`. */
export const calendarsCommand: Command = {
  name: 'calendars',
  summary: 'list the location’s calendars',
  help: `Usage:
  ghl calendars list [--group GROUP_ID] [--token-file PATH] [--json]

list  GET /calendars/: the calendars of GHL_LOCATION_ID (of one group with --group), with their
      ids for \`ghl slots\` and \`ghl appointments book\`.
--json prints the calendars as GHL returns them.

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'list') throw new UsageError(sub === undefined ? 'missing subcommand: list' : `unknown subcommand "${sub}": use list`, 'calendars');
    const { values, positionals } = parseCommandArgs('calendars', rest, { ...TOKEN_FILE_OPTION, group: { type: 'string' } });
    noExtraPositionals(positionals, 0, 'calendars');
    const out = new Output(io, values.json === true);
    const { ghl } = await loadClient(io, values['token-file']);
    const calendars = await ghl.calendars.list(values.group === undefined ? {} : { groupId: values.group });
    out.result(calendars);
    out.line(`${calendars.length} calendar(s)`);
    for (const calendar of calendars) out.line(`  ${calendar.id}  ${calendar.name}${calendar.isActive === false ? '  (draft)' : ''}`);
    return EXIT.ok;
  },
};

/** `ghl slots CALENDAR_ID --from … --to …`. */
export const slotsCommand: Command = {
  name: 'slots',
  summary: 'show a calendar’s free slots',
  help: `Usage:
  ghl slots CALENDAR_ID --from TIME --to TIME [--timezone TZ] [--user USER_ID]
            [--token-file PATH] [--json]

GET /calendars/{id}/free-slots: the bookable slots from --from to --to (at most 31 days apart),
one line per slot, grouped by day, in --timezone (an IANA name such as America/Chicago; GHL's
default is the location's).
${TIME_HELP}
--json prints [{ date: "YYYY-MM-DD", slots: [ISO times] }], sorted.

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('slots', args, { ...TOKEN_FILE_OPTION, from: { type: 'string' }, to: { type: 'string' }, timezone: { type: 'string' }, user: { type: 'string' } });
    noExtraPositionals(positionals, 1, 'slots');
    const calendarId = positionals[0];
    if (calendarId === undefined) throw new UsageError('slots needs a CALENDAR_ID', 'slots');
    if (values.from === undefined || values.to === undefined) throw new UsageError('slots needs --from and --to', 'slots');
    const out = new Output(io, values.json === true);
    const { ghl } = await loadClient(io, values['token-file']);
    const days: FreeSlotDay[] = await ghl.calendars.freeSlots(calendarId, {
      startDate: timeOption(values.from),
      endDate: timeOption(values.to),
      ...(values.timezone === undefined ? {} : { timezone: values.timezone }),
      ...(values.user === undefined ? {} : { userId: values.user }),
    });
    out.result(days);
    const total = days.reduce((sum, day) => sum + day.slots.length, 0);
    out.line(`${total} free slot(s)`);
    for (const day of days) {
      out.line(`${day.date}`);
      for (const slot of day.slots) out.line(`  ${slot}`);
    }
    return EXIT.ok;
  },
};

const BOOK_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  calendar: { type: 'string' },
  contact: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  title: { type: 'string' },
  'assigned-user': { type: 'string' },
} as const;

/** `ghl appointments book`. */
export const appointmentsCommand: Command = {
  name: 'appointments',
  summary: 'book an appointment in a free slot',
  help: `Usage:
  ghl appointments book --calendar CALENDAR_ID --contact CONTACT_ID --start TIME [--end TIME]
                        [--title TEXT] [--assigned-user USER_ID] [--token-file PATH] [--json]

book  POST /calendars/events/appointments: books the slot starting at --start (see \`ghl slots\`);
      --end defaults to the calendar's slot length. GHL refuses a slot that is not free (exit 1).
      Never retried once it may have reached GHL, so it cannot book twice: if the connection
      drops, the error says so; run \`ghl slots\` (or list the calendar's events) to see whether
      the booking was made before booking again.
${TIME_HELP}
--json prints the appointment.

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io): Promise<ExitCode> {
    const [sub, ...rest] = args;
    if (sub !== 'book') throw new UsageError(sub === undefined ? 'missing subcommand: book' : `unknown subcommand "${sub}": use book`, 'appointments');
    const { values, positionals } = parseCommandArgs('appointments', rest, BOOK_OPTIONS);
    noExtraPositionals(positionals, 0, 'appointments');
    if (values.calendar === undefined || values.contact === undefined || values.start === undefined) throw new UsageError('appointments book needs --calendar, --contact and --start', 'appointments');
    const out = new Output(io, values.json === true);
    const { ghl } = await loadClient(io, values['token-file']);
    const appointment = await ghl.calendars.appointments.create({
      calendarId: values.calendar,
      contactId: values.contact,
      startTime: timeOption(values.start),
      ...(values.end === undefined ? {} : { endTime: timeOption(values.end) }),
      ...(values.title === undefined ? {} : { title: values.title }),
      ...(values['assigned-user'] === undefined ? {} : { assignedUserId: values['assigned-user'] }),
    });
    out.result(appointment);
    out.line(`Booked appointment ${appointment.id}`);
    const rows: Array<[string, string]> = [['calendar', appointment.calendarId], ['contact', appointment.contactId]];
    if (appointment.startTime) rows.push(['start', appointment.startTime]);
    if (appointment.endTime) rows.push(['end', appointment.endTime]);
    if (appointment.title) rows.push(['title', appointment.title]);
    for (const row of aligned(rows)) out.line(row);
    return EXIT.ok;
  },
};
