import { describe, expect, it } from 'vitest';
import { getWebhookRoute } from '../../../../functions/admin-api/get-webhook/get-webhook-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';
import {
  InMemoryWebhookStore,
  SECRET,
  webhookRecord,
} from '../../../support/webhooks/in-memory-webhook-ports.ts';

describe('getWebhookRoute', () => {
  it("shows the admin's own tenant's webhook, never its secret", async () => {
    const webhooks = new InMemoryWebhookStore();
    await webhooks.put(webhookRecord('acme'));
    await webhooks.put(webhookRecord('globex'));
    const route = getWebhookRoute({ webhooks, logger: silentLogger() });

    const response = await route(adminEvent('GET', '/admin/webhook'), adminContext);

    expect(JSON.parse(response.body)).toEqual({
      success: true,
      data: { url: 'https://acme.example/hook', events: ['session.status'] },
    });
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('sealed:');
  });

  it('answers null data when the tenant has no webhook', async () => {
    const route = getWebhookRoute({ webhooks: new InMemoryWebhookStore(), logger: silentLogger() });

    const response = await route(adminEvent('GET', '/admin/webhook'), adminContext);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data).toBeNull();
  });
});
