import { describe, expect, it } from 'vitest';
import { GHLConnectionError, GHLValidationError } from '../../../src/errors.js';
import type { CreateContactInput, UpsertContactInput } from '../../../src/resources/contacts/types.js';
import type { GHLSimulatorOptions } from '../../../src/testing/index.js';
import { simulatorClient } from '../../helpers/simulator.js';

// A contact write GHL cannot match to anyone must not be sent: GHL stores a blank contact, and a
// retried upsert it cannot match stores a second one.

const setup = (sim: GHLSimulatorOptions = {}) => simulatorClient({ sim, client: { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } } });

async function rejection(promise: Promise<unknown>): Promise<GHLValidationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GHLValidationError);
  return error as GHLValidationError;
}

describe('contacts need an identity', () => {
  it.each<[string, UpsertContactInput | undefined]>([
    ['{}', {}],
    ['no argument', undefined],
    ['a name only', { firstName: 'Ada', tags: ['vip'] }],
    ['an empty email and a blank phone', { email: '', phone: '  ' }],
    ['null email and phone', { email: null, phone: null }],
  ])('upsert with %s is a GHLValidationError naming email, and nothing is sent', async (_name, input) => {
    const { sim, ghl } = await setup();
    const error = await rejection(ghl.contacts.upsert(input as UpsertContactInput));
    expect(error.issues).toContainEqual({ path: 'email', message: expect.stringMatching(/email or a phone/) });
    expect(sim.stats.apiRequests).toBe(0);
    expect(sim.contacts.list()).toEqual([]);
  });

  it.each<[string, CreateContactInput | undefined]>([
    ['{}', {}],
    ['no argument', undefined],
    ['only tags and custom fields', { tags: ['vip'], customFields: [{ key: 'contact.plan', field_value: 'pro' }] }],
    ['blank names', { firstName: ' ', lastName: '' }],
  ])('create with %s is a GHLValidationError, and nothing is sent', async (_name, input) => {
    const { sim, ghl } = await setup();
    const error = await rejection(ghl.contacts.create(input as CreateContactInput));
    expect(error.issues).toContainEqual({ path: 'email', message: expect.stringMatching(/at least one of email, phone/) });
    expect(sim.stats.apiRequests).toBe(0);
  });

  it.each<[string, CreateContactInput]>([
    ['an email', { email: 'ada@example.com' }],
    ['a phone', { phone: '+15550100' }],
    ['a name', { name: 'Ada Lovelace' }],
    ['a company', { companyName: 'Analytical Engines' }],
  ])('create with %s is sent', async (_name, input) => {
    const { sim, ghl } = await setup();
    await ghl.contacts.create(input);
    expect(sim.contacts.list()).toHaveLength(1);
  });

  it('upsert by phone alone is sent and matched on the replay', async () => {
    const { sim, ghl } = await setup();
    sim.injectFault({ route: 'POST /contacts/upsert', kind: 'dropAfterProcessing' });
    const result = await ghl.contacts.upsert({ phone: '+15550100', firstName: 'Ada' });
    expect(result.created).toBe(false); // the replay found the contact the dropped attempt made
    expect(sim.contacts.list()).toHaveLength(1);
  });
});

describe('an upsert is replayed only when GHL can match the replay', () => {
  it('with an email: a dropped answer is replayed and leaves one contact', async () => {
    const { sim, ghl } = await setup();
    sim.injectFault({ route: 'POST /contacts/upsert', kind: 'dropAfterProcessing' });
    await ghl.contacts.upsert({ email: 'ada@example.com' });
    expect(sim.stats.byRoute['POST /contacts/upsert']).toBe(2);
    expect(sim.contacts.list()).toHaveLength(1);
  });

  it('with createNewIfDuplicateAllowed on a location allowing duplicates: never replayed, so no duplicate', async () => {
    const { sim, ghl } = await setup({ allowDuplicateContacts: true });
    sim.injectFault({ route: 'POST /contacts/upsert', kind: 'dropAfterProcessing' });
    const error = await ghl.contacts.upsert({ email: 'ada@example.com', createNewIfDuplicateAllowed: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GHLConnectionError);
    expect(sim.stats.byRoute['POST /contacts/upsert']).toBe(1);
    expect(sim.contacts.list()).toHaveLength(1);
  });
});
