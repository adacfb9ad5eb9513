import type { ListOpportunitiesParams, Opportunity, OpportunityStatusFilter, Pipeline } from '../../resources/opportunities/types.js';
import { dropUndefined } from '../../auth/token-set.js';
import { integerOption, noExtraPositionals, parseCommandArgs, TOKEN_FILE_OPTION } from '../args.js';
import { CONFIG_HELP, EXIT_CODES_HELP, type Command } from '../command.js';
import { loadClient } from '../config.js';
import { EXIT, UsageError, type ExitCode } from '../exit.js';
import { aligned, Output, type CliIO } from '../output.js';

const STATUSES: readonly OpportunityStatusFilter[] = ['open', 'won', 'lost', 'abandoned', 'all'];

const LIST_OPTIONS = {
  ...TOKEN_FILE_OPTION,
  query: { type: 'string', short: 'q' },
  status: { type: 'string' },
  pipeline: { type: 'string' },
  stage: { type: 'string' },
  contact: { type: 'string' },
  limit: { type: 'string' },
} as const;

/** `ghl opportunities list|get`. */
export const opportunitiesCommand: Command = {
  name: 'opportunities',
  summary: 'list opportunities or show one',
  help: `Usage:
  ghl opportunities list [--query TEXT] [--status open|won|lost|abandoned|all] [--pipeline ID]
                         [--stage ID] [--contact ID] [--limit N] [--token-file PATH] [--json]
  ghl opportunities get OPPORTUNITY_ID [--token-file PATH] [--json]

list  GET /opportunities/search, page after page (100 per request) until --limit opportunities
      (default 100, at most 10000) or the last page. Each line: id, stage, status, value, name.
get   GET /opportunities/{id}.

Stage names come from GET /opportunities/pipelines (one more request in text mode).
--json prints { opportunities, more } (list; more: whether --limit cut the list short) or the
opportunity (get).

${CONFIG_HELP}

${EXIT_CODES_HELP}`,

  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'list') return list(rest, io);
    if (sub === 'get') return get(rest, io);
    throw new UsageError(sub === undefined ? 'missing subcommand: list or get' : `unknown subcommand "${sub}": use list or get`, 'opportunities');
  },
};

async function list(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('opportunities', args, LIST_OPTIONS);
  noExtraPositionals(positionals, 0, 'opportunities');
  const limit = integerOption(values.limit, 'limit', 'opportunities', { min: 1, max: 10_000 }) ?? 100;
  const status = values.status;
  if (status !== undefined && !STATUSES.includes(status as OpportunityStatusFilter)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')} (got "${status}")`, 'opportunities');
  }
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const params: ListOpportunitiesParams = dropUndefined({
    query: values.query,
    status: status as OpportunityStatusFilter | undefined,
    pipelineId: values.pipeline,
    pipelineStageId: values.stage,
    contactId: values.contact,
  });
  const stages = out.json ? new Map<string, string>() : stageNames(await ghl.opportunities.pipelines.list());
  const opportunities: Opportunity[] = [];
  let more = false;
  // Streams: one page at a time; one opportunity past --limit tells whether the list was cut short.
  for await (const opportunity of ghl.opportunities.list(params)) {
    if (opportunities.length === limit) {
      more = true;
      break;
    }
    opportunities.push(opportunity);
    out.line(`  ${opportunity.id}  ${describe(opportunity, stages)}`);
  }
  out.result({ opportunities, more });
  out.line(`${opportunities.length} opportunit${opportunities.length === 1 ? 'y' : 'ies'}${more ? ` (stopped at --limit ${limit}; more match)` : ''}`);
  return EXIT.ok;
}

async function get(args: string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('opportunities', args, TOKEN_FILE_OPTION);
  noExtraPositionals(positionals, 1, 'opportunities');
  const id = positionals[0];
  if (id === undefined) throw new UsageError('opportunities get needs an OPPORTUNITY_ID', 'opportunities');
  const out = new Output(io, values.json === true);
  const { ghl } = await loadClient(io, values['token-file']);
  const opportunity = await ghl.opportunities.get(id);
  out.result(opportunity);
  if (out.json) return EXIT.ok;
  const stages = stageNames(await ghl.opportunities.pipelines.list());
  out.line(`Opportunity ${opportunity.id}`);
  const rows: Array<[string, string]> = [['name', opportunity.name ?? '(no name)']];
  if (opportunity.status) rows.push(['status', opportunity.status]);
  if (opportunity.pipelineStageId) rows.push(['stage', stages.get(opportunity.pipelineStageId) ?? opportunity.pipelineStageId]);
  if (opportunity.monetaryValue !== undefined) rows.push(['value', String(opportunity.monetaryValue)]);
  const contact = opportunity.contact;
  if (contact) rows.push(['contact', [contact.name, contact.email ?? contact.phone].filter(Boolean).join(', ') || contact.id]);
  else if (opportunity.contactId) rows.push(['contact', opportunity.contactId]);
  if (opportunity.assignedTo) rows.push(['assigned to', opportunity.assignedTo]);
  if (opportunity.createdAt) rows.push(['created', opportunity.createdAt]);
  for (const row of aligned(rows)) out.line(row);
  return EXIT.ok;
}

/** "Pipeline › Stage" by stage id, for every pipeline of the location. */
export function stageNames(pipelines: readonly Pipeline[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const pipeline of pipelines) for (const stage of pipeline.stages ?? []) names.set(stage.id, `${pipeline.name ?? pipeline.id} › ${stage.name ?? stage.id}`);
  return names;
}

function describe(opportunity: Opportunity, stages: Map<string, string>): string {
  const stage = opportunity.pipelineStageId === undefined ? '-' : (stages.get(opportunity.pipelineStageId) ?? opportunity.pipelineStageId);
  return [stage, opportunity.status ?? '-', opportunity.monetaryValue ?? 0, opportunity.name ?? '(no name)'].join('  ');
}
