import { Hono } from 'hono';
import { GHLClient } from 'ghl-sdk';
import { createWebhookHandler, isKnownWebhookEvent } from 'ghl-sdk/webhooks';

const ghl = GHLClient.fromEnv();
const webhooks = createWebhookHandler({
  tokenStore: ghl.tokenStore, // UNINSTALL deletes that location's tokens; INSTALL waits for them
  appId: process.env.GHL_APP_ID, // refuse events for your other apps
  on: {
    ContactCreate: async (event) => console.log('new contact', event.id, event.email),
  },
  onEvent: async (event) => {
    if (!isKnownWebhookEvent(event)) return console.log('verified, not modelled yet:', event.type);
    if (event.type === 'OpportunityStageUpdate') console.log(event.id, 'moved to', event.pipelineStageId);
  },
});

const app = new Hono();
app.post('/webhooks/ghl', (c) => webhooks(c.req.raw)); // the raw Request: its body is still unread
app.get('/oauth/callback', async (c) => {
  const saved = await ghl.oauth.exchangeCode(c.req.query('code') ?? '');
  await webhooks.tokensSaved(saved.key); // an INSTALL that arrived first is delivered now
  return c.text('Installed');
});
