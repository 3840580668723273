import type { Logger } from '@aws-lambda-powertools/logger';
import { parseJsonBody, setWebhookRequestSchema } from '../../api/admin-bodies.ts';
import { adminRoute } from '../admin-route.ts';
import type { SetWebhook } from './set-webhook.ts';

/** PUT /admin/webhook -> the webhook with its new secret (shown once). */
export function setWebhookRoute(dependencies: { setWebhook: SetWebhook; logger: Logger }) {
  return adminRoute(dependencies.logger, 'set-webhook', async (event, admin) => {
    const input = parseJsonBody(setWebhookRequestSchema, event.body, event.isBase64Encoded);
    return { data: await dependencies.setWebhook(admin.tenantId, input) };
  });
}
