import { describe, expect, it } from 'vitest';
import { cli, oauthEnv, simulator } from './helpers.js';

describe('ghl messages send', () => {
  it('sends an SMS, an email and a scheduled WhatsApp message, as text and as JSON', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const contact = sim.contacts.seed({ phone: '+15550001111', email: 'ada@example.com' });

    const sms = await cli(['messages', 'send', '--contact', contact.id, '--sms', 'Your table is ready'], { env });
    expect(sms.code).toBe(0);
    expect(sms.stdout).toMatch(/^Sent SMS message \S+ in conversation \S+\n$/);

    const email = await cli(['messages', 'send', '--contact', contact.id, '--email', 'Thanks', '--subject', 'Receipt', '--json'], { env });
    expect(email.code).toBe(0);
    const { conversationId, messageId } = JSON.parse(email.stdout);
    expect(sim.conversations.messages(conversationId).map((m) => [m.messageType, m.body])).toEqual([
      ['TYPE_SMS', 'Your table is ready'],
      ['TYPE_EMAIL', 'Thanks'],
    ]);
    expect(messageId).toEqual(expect.any(String));

    const later = await cli(['messages', 'send', '--contact', contact.id, '--whatsapp', 'See you', '--at', '2099-01-01T09:00:00Z'], { env });
    expect(later.stdout).toMatch(/^Scheduled WhatsApp message/);
    expect(sim.conversations.messages(conversationId).at(-1)?.status).toBe('scheduled');
  });

  it('a dropped send exits 1 with the not-replayed error; exactly one message exists', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    const contact = sim.contacts.seed({ phone: '+15550001111' });
    sim.injectFault({ route: 'POST /conversations/messages', kind: 'dropAfterProcessing' });
    const run = await cli(['messages', 'send', '--contact', contact.id, '--sms', 'once'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ghl: GHLConnectionError: .*not replayed/);
    expect(sim.conversations.messages(sim.conversations.list()[0]?.id ?? '')).toHaveLength(1);
  });

  it('exits 2 on a bad command line or invalid input, sending nothing', async () => {
    const sim = await simulator();
    const env = oauthEnv(sim);
    expect((await cli(['messages', 'send', '--sms', 'hi'], { env })).stderr).toMatch(/needs --contact/);
    expect((await cli(['messages', 'send', '--contact', 'c-1', '--sms', 'hi', '--whatsapp', 'hi'], { env })).stderr).toMatch(/exactly one of/);
    const noSubject = await cli(['messages', 'send', '--contact', 'c-1', '--email', 'hi', '--json'], { env });
    expect(noSubject.code).toBe(2);
    expect(JSON.parse(noSubject.stdout).error).toMatchObject({ name: 'GHLValidationError', fields: ['subject'] });
    expect((await cli(['messages', 'send', '--contact', 'c-1', '--sms', ''], { env })).code).toBe(2);
    expect(sim.stats.apiRequests).toBe(0);
  });
});
