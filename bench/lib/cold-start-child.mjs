// One cold start, in a fresh `node` process (plain node: no tsx, no loader hooks).
//   node cold-start-child.mjs <import|require|none> <specifier-or-path> [first-call]
// (`none first-call`: one raw fetch, the baseline of any fetch-based client.)
// Prints { importMs, firstCallMs? }: performance.now() around the dynamic import()/require(), and
// with `first-call`, import + construct + one contacts.get against the simulator in BENCH_SIM (JSON).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [how, target, firstCall] = process.argv.slice(2);
const started = performance.now();
let mod;
if (how === 'import') mod = await import(target.startsWith('/') ? pathToFileURL(target).href : target);
else if (how === 'require') mod = createRequire(import.meta.url)(target);
const importMs = performance.now() - started;

let firstCallMs;
if (firstCall === 'first-call') {
  const sim = JSON.parse(process.env.BENCH_SIM ?? '{}');
  if (!mod) {
    const response = await fetch(`${sim.url}/contacts/${sim.contactId}`, { headers: { authorization: `Bearer ${sim.tokens.accessToken}`, version: '2021-07-28', accept: 'application/json' } });
    await response.json();
  } else if (mod.GHLClient) {
    const ghl = new mod.GHLClient({
      locationId: sim.locationId,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      baseUrl: sim.url,
      tokenStore: new mod.MemoryTokenStore({ [sim.locationId]: sim.tokens }),
      env: {},
    });
    await ghl.contacts.get(sim.contactId);
  } else {
    const hl = new mod.HighLevel({ clientId: sim.clientId, clientSecret: sim.clientSecret, locationAccessToken: sim.tokens.accessToken, apiVersion: '2021-07-28', logLevel: 'none' });
    hl.getHttpClient().defaults.baseURL = sim.url;
    await hl.contacts.getContact({ contactId: sim.contactId });
  }
  firstCallMs = performance.now() - started;
}
// Exit explicitly: keep-alive sockets of the first call must not stretch the process wall time.
process.stdout.write(JSON.stringify({ importMs, firstCallMs }), () => process.exit(0));
