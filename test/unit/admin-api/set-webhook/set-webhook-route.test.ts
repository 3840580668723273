import { describe, expect, it } from 'vitest';
import { setWebhookRoute } from '../../../../functions/admin-api/set-webhook/set-webhook-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function setup() {
  const set: [string, unknown][] = [];
  const route = setWebhookRoute({
    setWebhook: async (tenantId, input) => {
      set.push([tenantId, input]);
      return { url: input.url, events: ['session.status'], secret: 'whsec_new' };
    },
    logger: silentLogger(),
  });
  const call = (body: string) => route(adminEvent('PUT', '/admin/webhook', { body }), adminContext);
  return { set, call };
}

describe('setWebhookRoute', () => {
  it("sets the admin's own tenant's webhook and shows its new secret", async () => {
    const { set, call } = setup();

    const response = await call('{"url":"https://hooks.example/wa"}');

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data).toEqual({
      url: 'https://hooks.example/wa',
      events: ['session.status'],
      secret: 'whsec_new',
    });
    expect(set).toEqual([['acme', { url: 'https://hooks.example/wa' }]]);
  });

  it('answers 400 VALIDATION_ERROR to an event type that does not exist, and sets nothing', async () => {
    const { set, call } = setup();

    const response = await call('{"url":"https://hooks.example/wa","events":["message.received"]}');

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error_code: 'VALIDATION_ERROR' });
    expect(set).toEqual([]);
  });
});
