#!/usr/bin/env bash
# Installs the packed tarball into a fresh consumer project and uses it the way users will:
# require() and import() of every entry, a real call against the bundled simulator in both module
# systems, one error class shared across entries, and a TypeScript consumer under node16 resolution.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" 2>/dev/null | tail -n 1)"
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) kB)"

mkdir "$work/consumer" && cd "$work/consumer"
printf '{ "name": "consumer", "version": "1.0.0", "private": true }\n' > package.json
npm install --silent --no-audit --no-fund --prefer-offline "$work/$tarball" >/dev/null 2>&1 || npm install --no-audit --no-fund "$work/$tarball"

cat > run.cjs <<'JS'
const assert = require('node:assert/strict');
const sdk = require('ghl-sdk');
const { createGHLSimulator } = require('ghl-sdk/testing');
const { RedisTokenStore } = require('ghl-sdk/redis');
assert.equal(typeof sdk.GHLClient, 'function');
assert.equal(typeof RedisTokenStore, 'function');
assert.equal(typeof require('ghl-sdk/package.json').version, 'string');
module.exports = (async () => {
  const sim = await createGHLSimulator();
  const store = new sdk.MemoryTokenStore({ [sim.locationId]: sim.issueTokens({ accessTokenTtlMs: 1 }) });
  const ghl = new sdk.GHLClient({ locationId: sim.locationId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {} });
  const { contact } = await ghl.contacts.upsert({ email: 'cjs@example.com' });
  assert.equal((await ghl.contacts.get(contact.id)).email, 'cjs@example.com');
  const err = await ghl.contacts.get('missing-id').catch((e) => e);
  assert.ok(err instanceof sdk.GHLNotFoundError && err instanceof sdk.GHLError, 'typed errors across CJS');
  assert.equal(sim.stats.tokenRequests, 1);
  await sim.close();
  console.log('require(): ok');
})();
JS

cat > run.mjs <<'JS'
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { GHLClient, MemoryTokenStore, GHLValidationError, GHLError } from 'ghl-sdk';
import { createGHLSimulator, verifyTokenStore } from 'ghl-sdk/testing';
import { RedisTokenStore } from 'ghl-sdk/redis';
assert.equal(typeof RedisTokenStore, 'function');
const sim = await createGHLSimulator();
const store = new MemoryTokenStore({ [sim.locationId]: sim.issueTokens() });
const ghl = new GHLClient({ locationId: sim.locationId, clientId: sim.clientId, clientSecret: sim.clientSecret, baseUrl: sim.url, tokenStore: store, env: {} });
const created = await ghl.contacts.create({ email: 'esm@example.com', firstName: 'Esm' });
assert.equal(created.firstName, 'Esm');
const invalid = await ghl.contacts.create({ email: 'not-an-email' }).catch((e) => e);
assert.ok(invalid instanceof GHLValidationError && invalid instanceof GHLError);
// An app that imports the SDK while a dependency requires it has two copies of every class.
const cjsCopy = createRequire(import.meta.url)('ghl-sdk');
assert.notEqual(cjsCopy.GHLError, GHLError);
assert.ok(invalid instanceof cjsCopy.GHLValidationError && invalid instanceof cjsCopy.GHLError, 'ESM error, CJS class');
const fromCjs = new cjsCopy.GHLNotFoundError('gone', { status: 404, body: {}, headers: {}, method: 'GET', path: '/x' });
assert.ok(fromCjs instanceof GHLError && !(fromCjs instanceof GHLValidationError) && fromCjs.name === 'GHLNotFoundError', 'CJS error, ESM class');
assert.equal((await verifyTokenStore(new MemoryTokenStore())).ok, true);
await sim.close();
console.log('import(): ok');
JS

node -e "require('./run.cjs').catch((e) => { console.error(e); process.exit(1); })"
node run.mjs

# The `ghl` bin as npm links it: --help, and the demo story against the bundled simulator.
./node_modules/.bin/ghl --help >/dev/null
env -i PATH="$PATH" HOME="$HOME" ./node_modules/.bin/ghl demo --json > demo.json
node -e "const r = require('./demo.json'); if (r.ok !== true) { console.error(r); process.exit(1); }"
echo "ghl bin: ok"

# Types, as a TypeScript user on node16 resolution sees them, in both module systems.
cat > consumer.mts <<'TS'
import { GHLClient, type TokenSet, type Contact } from 'ghl-sdk';
import { createGHLSimulator } from 'ghl-sdk/testing';
import { RedisTokenStore } from 'ghl-sdk/redis';
const tokens: TokenSet = { accessToken: 'a' };
export const make = (url: string): GHLClient => new GHLClient({ locationId: 'l', baseUrl: url, env: {} });
export type C = Contact; export { createGHLSimulator, RedisTokenStore, tokens };
TS
cp consumer.mts consumer.cts
"$root/node_modules/.bin/tsc" --noEmit --strict --skipLibCheck false --module node16 --moduleResolution node16 --target es2022 --lib es2022,dom --types node --typeRoots "$root/node_modules/@types" consumer.mts consumer.cts
echo "types (node16 ESM + CJS): ok"
echo "smoke test passed"
