import { describe, expect, it } from 'vitest';
import { setWebhookRoute } from '../../../../functions/admin-api/set-webhook/set-webhook-route.ts';
import { adminContext, adminEvent } from '../../../support/admin-api/admin-events.ts';
import { recordingUseCase } from '../../../support/admin-api/recording-use-case.ts';
import { expectErrorResponse } from '../../../support/http/expect-error-response.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';

function setup() {
  const { calls: set, useCase: setWebhook } = recordingUseCase(
    (_tenantId: string, input: { url: string }) => ({
      url: input.url,
      events: ['session.status' as const],
      secret: 'whsec_new',
    }),
  );
  const route = setWebhookRoute({ setWebhook, logger: silentLogger() });
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

    expectErrorResponse(response, 400, 'VALIDATION_ERROR');
    expect(set).toEqual([]);
  });
});
