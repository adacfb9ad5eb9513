// The GHL simulator (the BUILT `ghl-sdk/testing`, dist/testing.js) in a child process of its own, so
// the server's CPU time is not mixed with the client's on one event loop (the machine has 2 cores).
// The parent drives it over IPC: { id, cmd, args } -> { id, result } | { id, error }.
import { pathToFileURL } from 'node:url';

const [distDir, optionsJson] = process.argv.slice(2);
const { createGHLSimulator } = await import(pathToFileURL(`${distDir}/testing.js`).href);
// Unless a bench sets one, the window is one no client reaches (100,000 per 100 ms, no daily cap to
// speak of): nothing is refused, but every response states its window in X-RateLimit-* as GHL's do,
// so ghl-sdk paces to it with its default settings (with no window stated it would assume GHL's
// documented 100 per 10 s) and the figures include its limiter.
const UNREACHED_WINDOW = { max: 100_000, intervalMs: 100, dailyLimit: 1_000_000_000 };
const sim = await createGHLSimulator({ rateLimit: UNREACHED_WINDOW, ...JSON.parse(optionsJson ?? '{}') });

const commands = {
  issueTokens: (options) => sim.issueTokens(options),
  seedContacts: ({ count }) => Array.from({ length: count }, (_, i) => sim.contacts.seed({ firstName: `Bench${i}`, email: `bench${i}@example.com` }).id),
  seedOpportunities: ({ count }) => {
    // Each with a contact, so every search answer carries the contact summary GHL embeds.
    const contact = sim.contacts.seed({ firstName: 'Paging', email: 'paging@example.com' });
    for (let i = 0; i < count; i++) sim.opportunities.seed({ name: `Deal ${i}`, monetaryValue: i, contactId: contact.id });
    return sim.opportunities.list().length;
  },
  stats: () => structuredClone(sim.stats),
  resetStats: () => sim.resetStats(),
  expireAccessTokens: () => sim.expireAccessTokens(),
  currentRefreshToken: () => sim.currentRefreshToken() ?? null,
  cpu: () => process.cpuUsage(),
  contactCounts: () => {
    const contacts = sim.contacts.list();
    return { contacts: contacts.length, uniqueEmails: new Set(contacts.map((c) => c.email)).size };
  },
  close: async () => {
    await sim.close();
    setImmediate(() => process.exit(0));
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](args);
    process.send({ id, result: result ?? null });
  } catch (error) {
    process.send({ id, error: String(error?.stack ?? error) });
  }
});
// The parent died or closed the channel: never outlive it.
process.on('disconnect', () => process.exit(0));

process.send({ ready: { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, locationId: sim.locationId, companyId: sim.companyId } });
