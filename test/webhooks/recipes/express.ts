import express from 'express';
import { GHLClient } from 'ghl-sdk';
import { createWebhookHandler } from 'ghl-sdk/webhooks';

const ghl = GHLClient.fromEnv();
const webhooks = createWebhookHandler({
  tokenStore: ghl.tokenStore,
  on: { ContactCreate: async (event) => console.log('new contact', event.id) },
});

const app = express();
// express.raw() keeps the exact bytes GHL signed. Register the route before app.use(express.json()),
// which would parse the body first (the handler then answers 500 and logs how to fix it).
app.post('/webhooks/ghl', express.raw({ type: 'application/json' }), webhooks.node);
app.use(express.json());
app.get('/oauth/callback', async (req, res) => {
  const saved = await ghl.oauth.exchangeCode(String(req.query.code));
  await webhooks.tokensSaved(saved.key);
  res.send('Installed');
});
app.listen(3000);
