// One "deployment process": builds the client exactly as an app would (GHLClient.fromEnv() from
// process.env, in its working directory), refreshes, makes an API call, prints a JSON report, exits.
//   argv[2]: 'default' (the SDK's default store) | 'memory' (a plain EnvTokenStore: the original hole)
//   argv[3]: how many refreshes to force (default 1)
//   argv[4]: optional start barrier: print "ready", then wait until this file exists, so several
//            children refresh at the same moment instead of one after the other
import { access } from 'node:fs/promises';
import { EnvTokenStore, GHLClient } from '../../src/index.js';

const mode = process.argv[2] ?? 'default';
const refreshes = Number(process.argv[3] ?? '1');
const barrier = process.argv[4];
const logs: string[] = [];
const at = (level: string) => (message: string) => void logs.push(`${level}: ${message}`);
const logger = { debug: () => undefined, info: at('info'), warn: at('warn'), error: at('error') };

try {
  const ghl = GHLClient.fromEnv(process.env, {
    logger,
    retry: false,
    ...(mode === 'memory' ? { tokenStore: new EnvTokenStore() } : {}),
  });
  if (barrier) {
    console.log('ready');
    while (!(await access(barrier).then(() => true, () => false))) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  for (let i = 0; i < refreshes; i++) await ghl.tokens.refresh();
  const { total } = await ghl.contacts.search({ pageLimit: 1 });
  // What a process forked now would inherit: the store mirrors rotations into process.env.
  const inheritable = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('GHL_')));
  console.log(JSON.stringify({ ok: true, total, logs, env: inheritable }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: `${(error as Error).name}: ${(error as Error).message}`, logs }));
  process.exitCode = 1;
}
