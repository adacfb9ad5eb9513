import type { VerifyWebhookOptions, WebhookRejectionReason } from '../../src/webhooks/index.js';
import { contactCreatePayload, forgerKeys, signEd25519, signRsa } from './signer.js';

/** The clock every case is checked against. */
export const NOW = Date.parse('2026-03-01T12:00:00.000Z');
export const APP_ID = 'app-under-test';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface Attack extends SignedRequest {
  name: string;
  reason: WebhookRejectionReason;
  options?: VerifyWebhookOptions;
  /** Sent once, and accepted, before the attack itself (for the replay). */
  before?: SignedRequest;
}

const fresh = (overrides: Record<string, unknown> = {}) => contactCreatePayload({ timestamp: new Date(NOW).toISOString(), ...overrides });
const minutes = (n: number) => new Date(NOW + n * 60_000).toISOString();

/** A genuine signature by the test key: what remains to refuse is the payload itself. */
function genuine(payload: unknown): SignedRequest {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return { body, headers: { 'x-ghl-signature': signEd25519(body) } };
}

/** Every way the issue lists to get a webhook past the checks; each must end in its own reason. */
export function attacks(): Attack[] {
  const body = JSON.stringify(fresh());
  const pretty = JSON.stringify(fresh(), null, 2);
  const reserialised = JSON.stringify(JSON.parse(pretty));
  const replayed = genuine(fresh());
  return [
    { name: 'a forged signature (another Ed25519 key)', reason: 'bad-signature', body, headers: { 'x-ghl-signature': signEd25519(body, forgerKeys()) } },
    { name: 'a forged legacy signature (another RSA key)', reason: 'bad-signature', body, headers: { 'x-wh-signature': signRsa(body, forgerKeys()) } },
    { name: 'the signature of the re-serialised body', reason: 'bad-signature', body: pretty, headers: { 'x-ghl-signature': signEd25519(reserialised) } },
    { name: 'a re-serialised body under the raw body’s signature', reason: 'bad-signature', body: reserialised, headers: { 'x-ghl-signature': signEd25519(pretty) } },
    { name: 'a signature for another body', reason: 'bad-signature', body, headers: { 'x-ghl-signature': signEd25519(JSON.stringify(fresh({ email: 'mallory@example.com' }))) } },
    { name: 'a signature that is not base64', reason: 'bad-signature', body, headers: { 'x-ghl-signature': '!!not-base64!!' } },
    { name: 'an empty signature header', reason: 'bad-signature', body, headers: { 'x-ghl-signature': '' } },
    { name: 'no signature header', reason: 'missing-signature', body, headers: { 'content-type': 'application/json' } },
    { name: 'only the legacy header with acceptLegacy off', reason: 'missing-signature', body, headers: { 'x-wh-signature': signRsa(body) }, options: { acceptLegacy: false } },
    { name: 'a stale timestamp (6 minutes old)', reason: 'stale', ...genuine(fresh({ timestamp: minutes(-6) })) },
    { name: 'a timestamp 6 minutes in the future', reason: 'stale', ...genuine(fresh({ timestamp: minutes(6) })) },
    { name: 'a replayed webhookId', reason: 'replayed', ...replayed, before: replayed },
    { name: 'malformed JSON (signed)', reason: 'malformed', ...genuine('{"type":"ContactCreate",') },
    { name: 'a JSON array (signed)', reason: 'malformed', ...genuine('[1,2,3]') },
    { name: 'no webhookId (signed)', reason: 'malformed', ...genuine({ ...fresh(), webhookId: undefined }) },
    { name: 'a known type without its id (signed)', reason: 'malformed', ...genuine({ ...fresh(), id: undefined }) },
    {
      name: 'an event for another appId (signed)',
      reason: 'wrong-app',
      ...genuine({ type: 'INSTALL', appId: 'someone-elses-app', locationId: 'loc-1', webhookId: 'wh-app', timestamp: minutes(0) }),
      options: { appId: APP_ID },
    },
  ];
}
