import type { Logger } from '@aws-lambda-powertools/logger';
import type { WebhookStore } from '../../ports/webhook-store.ts';
import { adminRoute } from '../admin-route.ts';

/** GET /admin/webhook -> {url, events} or null; never the secret. */
export function getWebhookRoute(dependencies: { webhooks: WebhookStore; logger: Logger }) {
  return adminRoute(dependencies.logger, 'get-webhook', async (_event, admin) => {
    const webhook = await dependencies.webhooks.get(admin.tenantId);
    return { data: webhook ? { url: webhook.url, events: webhook.events } : null };
  });
}
