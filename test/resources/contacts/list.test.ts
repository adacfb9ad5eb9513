import { describe, expect, expectTypeOf, it } from 'vitest';
import { GHLAbortError, GHLValidationError } from '../../../src/errors.js';
import type { Contact } from '../../../src/resources/contacts/types.js';
import type { GHLSimulator } from '../../../src/testing/index.js';
import { simulatorClient } from '../../helpers/simulator.js';

async function setup(contacts: number) {
  const { sim, ghl } = await simulatorClient({ tokens: 'pit' });
  for (let i = 0; i < contacts; i += 1) sim.contacts.seed({ email: `c${String(i).padStart(3, '0')}@example.com`, firstName: i % 2 === 0 ? 'Even' : 'Odd' });
  return { sim, ghl };
}

const searches = (sim: GHLSimulator) => sim.stats.byRoute['POST /contacts/search'] ?? 0;

describe('contacts.list', () => {
  it('pages through every match with searchAfter, each contact once', async () => {
    const { sim, ghl } = await setup(250);
    const contacts = ghl.contacts.list({ pageLimit: 100 });
    expectTypeOf(contacts).toEqualTypeOf<AsyncIterable<Contact>>();
    const ids: string[] = [];
    for await (const contact of contacts) ids.push(contact.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(new Set(ids)).toEqual(new Set(sim.contacts.list().map((contact) => contact.id)));
    expect(searches(sim)).toBe(3); // 100 + 100 + 50: the short page ends it
  });

  it('keeps the query and filters on every page', async () => {
    const { ghl } = await setup(30);
    const names = new Set<string>();
    for await (const contact of ghl.contacts.list({ pageLimit: 4, query: 'odd' })) names.add(String(contact.firstName));
    expect(names).toEqual(new Set(['Odd']));
  });

  it('streams: breaking out of the loop fetches no further page', async () => {
    const { sim, ghl } = await setup(250);
    let seen = 0;
    for await (const _contact of ghl.contacts.list({ pageLimit: 100 })) {
      seen += 1;
      if (seen === 5) break;
    }
    expect(searches(sim)).toBe(1);
  });

  it('stops as soon as the caller aborts', async () => {
    const { sim, ghl } = await setup(50);
    const controller = new AbortController();
    let seen = 0;
    const error = await (async () => {
      for await (const _contact of ghl.contacts.list({ pageLimit: 10 }, { signal: controller.signal })) {
        seen += 1;
        if (seen === 15) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLAbortError);
    expect(seen).toBe(15); // ends at once, and the next page is never asked for
    expect(searches(sim)).toBe(2);
  });

  it('an empty location takes one request and yields nothing', async () => {
    const { sim, ghl } = await setup(0);
    for await (const _contact of ghl.contacts.list()) throw new Error('no contact expected');
    expect(searches(sim)).toBe(1);
  });

  it('rejects bad parameters at once, before anything is sent (paging is its own)', async () => {
    const { sim, ghl } = await setup(0);
    expect(() => ghl.contacts.list({ pageLimit: 501 })).toThrow(GHLValidationError);
    expect(() => ghl.contacts.list({ page: 2 } as never)).toThrow(/page/);
    expect(sim.stats.apiRequests).toBe(0);
  });
});
