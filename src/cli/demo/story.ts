import type { Contact } from '../../resources/contacts/types.js';
import type { Narrator } from './narrator.js';
import type { DemoWorld } from './world.js';

/** The tag every demo contact carries, so live test contacts are easy to find and delete. */
export const DEMO_TAG = 'ghl-sdk-demo';

/**
 * The quickstart story: create, upsert and sync contacts across several access-token expiries and
 * one early expiry (a 401), the way an app would, then move a deal along a pipeline. `runId` makes the emails unique per run.
 * Returns how much simulated time passed.
 */
export async function tellStory(world: DemoWorld, n: Narrator, runId: string): Promise<{ simulatedMs: number }> {
  const { ghl } = world;
  let simulatedMs = 0;
  const timePasses = (ms: number) => {
    if (!world.advance) return;
    world.advance(ms);
    simulatedMs += ms;
    n.record({ kind: 'note', text: `⏩ ${ms / 1000} s later (simulated clock, no real waiting): the access token has expired` });
  };
  const adaEmail = `ghl-sdk-demo+ada-${runId}@example.com`;
  const ada = { email: adaEmail, firstName: 'Ada', lastName: 'Lovelace', tags: [DEMO_TAG] };
  const adaAgain = { email: adaEmail, phone: '+15550100' };
  const grace = { email: `ghl-sdk-demo+grace-${runId}@example.com`, name: 'Grace Hopper', companyName: 'ghl-sdk demo', tags: [DEMO_TAG] };
  const fullAccount = { syncType: 'full_account' } as const;
  const subscriber = { email: adaEmail, name: 'Ada Lovelace' };
  const search = { query: runId };

  const created = await n.call('contacts.create', [ada], () => ghl.contacts.create(ada), (contact) => `created contact ${contact.id}`);
  await n.call('contacts.upsert', [adaAgain], () => ghl.contacts.upsert(adaAgain), (result) =>
    result.created ? `created contact ${result.contact.id}` : `matched by email: updated contact ${result.contact.id} (created: false)`,
  );

  timePasses(2_500);
  const synced = await n.call('sync.user', [grace, fullAccount], () => ghl.sync.user(grace, fullAccount), (result) =>
    `${result.created ? 'created' : 'updated'} contact ${result.contact.id}, tags: ${tagList(result.contact)}`,
  );
  await n.call('sync.newsletter', [subscriber], () => ghl.sync.newsletter(subscriber), (result) =>
    `${result.created ? 'created' : 'found'} contact ${result.contact.id}, tags: ${tagList(result.contact)}`,
  );

  timePasses(2_500);
  const vip = ['vip'];
  await n.call('contacts.addTags', [synced.contact.id, vip], () => ghl.contacts.addTags(synced.contact.id, vip), (tags) => `tags now: ${tags.join(', ')}`);

  if (world.expireAccessTokens) {
    world.expireAccessTokens();
    n.record({ kind: 'note', text: '⚡ GHL expires every access token early (simulator.expireAccessTokens()): the next call meets a 401' });
  }
  await n.call('contacts.search', [search], () => ghl.contacts.search(search), ({ contacts, total }) => `${total} contact(s): ${contacts.map(nameOf).join(', ')}`);

  timePasses(2_500);
  await n.call('contacts.get', [created.id], () => ghl.contacts.get(created.id), (contact) =>
    `${nameOf(contact)}, phone ${contact.phone ?? '-'}, tags: ${tagList(contact)}`,
  );

  await movePipeline(ghl, n, created.id, runId);
  return { simulatedMs };
}

/**
 * A pipeline move: Ada's deal is created in the first stage of the location's first pipeline with
 * two or more stages, then moved to the next stage (an update of `pipelineStageId`). A location
 * without such a pipeline (possible with `--live`) gets a note instead.
 */
async function movePipeline(ghl: DemoWorld['ghl'], n: Narrator, contactId: string, runId: string): Promise<void> {
  const pipelines = await n.call('opportunities.pipelines.list', [], () => ghl.opportunities.pipelines.list(), (list) =>
    `${list.length} pipeline(s): ${list.map((pipeline) => `${pipeline.name ?? pipeline.id} (${pipeline.stages?.length ?? 0} stages)`).join(', ')}`,
  );
  const pipeline = pipelines.find((candidate) => (candidate.stages?.length ?? 0) >= 2);
  const [from, to] = pipeline?.stages ?? [];
  if (!pipeline || !from || !to) {
    n.record({ kind: 'note', text: 'No pipeline with two stages in this location: the pipeline move is skipped' });
    return;
  }
  const deal = { pipelineId: pipeline.id, pipelineStageId: from.id, name: `${DEMO_TAG} deal ${runId}`, status: 'open' as const, contactId, monetaryValue: 1200 };
  const opportunity = await n.call('opportunities.create', [deal], () => ghl.opportunities.create(deal), (created) => `created opportunity ${created.id} in stage "${from.name ?? from.id}"`);
  const move = { pipelineStageId: to.id };
  await n.call('opportunities.update', [opportunity.id, move], () => ghl.opportunities.update(opportunity.id, move), (moved) =>
    `moved to stage "${pipeline.stages?.find((stage) => stage.id === moved.pipelineStageId)?.name ?? moved.pipelineStageId}" (from "${from.name ?? from.id}")`,
  );
}

function tagList(contact: Contact): string {
  return contact.tags?.length ? contact.tags.join(', ') : '(none)';
}

function nameOf(contact: Contact): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.name || contact.id;
}
