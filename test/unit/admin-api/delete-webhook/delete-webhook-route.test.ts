import { describe, expect, it } from 'vitest';
import { deleteWebhookRoute } from '../../../../functions/admin-api/delete-webhook/delete-webhook-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';
import {
  InMemoryWebhookStore,
  webhookRecord,
} from '../../../support/webhooks/in-memory-webhook-ports.ts';

describe('deleteWebhookRoute', () => {
  it("deletes the admin's own tenant's webhook and leaves the others", async () => {
    const webhooks = new InMemoryWebhookStore();
    await webhooks.put(webhookRecord('acme'));
    await webhooks.put(webhookRecord('globex'));
    const route = deleteWebhookRoute({ webhooks, logger: silentLogger() });

    const response = await route(adminEvent('DELETE', '/admin/webhook'), adminContext);

    expect(JSON.parse(response.body)).toEqual({ success: true, data: null });
    expect([...webhooks.records.keys()]).toEqual(['globex']);
  });

  it('answers the same when there was nothing to delete (DELETE is idempotent)', async () => {
    const route = deleteWebhookRoute({
      webhooks: new InMemoryWebhookStore(),
      logger: silentLogger(),
    });

    const response = await route(adminEvent('DELETE', '/admin/webhook'), adminContext);

    expect(response.statusCode).toBe(200);
  });
});
