import type { Logger } from '@aws-lambda-powertools/logger';
import type { WebhookStore } from '../../ports/webhook-store.ts';
import { adminRoute } from '../admin-route.ts';

/** DELETE /admin/webhook -> null: no more deliveries (those under way find no webhook). */
export function deleteWebhookRoute(dependencies: { webhooks: WebhookStore; logger: Logger }) {
  return adminRoute(dependencies.logger, 'delete-webhook', async (_event, admin) => {
    await dependencies.webhooks.delete(admin.tenantId);
    return { data: null };
  });
}
