import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { createDeliverEvent } from '../../../../functions/webhook-delivery/deliver-event/deliver-event.ts';
import { silentLogger } from '../../../support/logging/silent-logger.ts';
import {
  InMemoryWebhookStore,
  RecordingWebhookSender,
  SECRET,
  sessionStatusEnvelope,
  taggingSealer,
  webhookRecord,
} from '../../../support/webhooks/in-memory-webhook-ports.ts';

function setup(sender = new RecordingWebhookSender()) {
  const webhooks = new InMemoryWebhookStore();
  const logger = silentLogger();
  const info = vi.spyOn(logger, 'info');
  const deliverEvent = createDeliverEvent({
    webhooks,
    sealer: taggingSealer,
    sender,
    logger,
    attemptTimeoutMs: 5_000,
  });
  return { webhooks, sender, deliverEvent, info };
}

describe('deliverEvent', () => {
  it('posts the contract event signed per Standard Webhooks with the tenant secret', async () => {
    // prepare
    const { webhooks, sender, deliverEvent } = setup();
    await webhooks.put(webhookRecord('acme'));

    // act
    const outcome = await deliverEvent(sessionStatusEnvelope('acme', 'e-1'), 1);

    // assert
    expect(outcome).toBe('delivered');
    const [request] = sender.requests;
    expect(request?.url).toBe('https://acme.example/hook');
    expect(request?.headers['webhook-id']).toBe('msg_e-1');
    // The library also refuses a timestamp more than 5 minutes from now: the attempt's own.
    const verified = new Webhook(SECRET).verify(request?.body ?? '', request?.headers ?? {});
    expect(verified).toEqual({
      type: 'session.status',
      timestamp: '2026-12-08T00:00:00.000Z',
      data: sessionStatusEnvelope('acme').detail,
    });
  });

  it('skips an event whose tenant has no webhook, or one not subscribed to its type', async () => {
    // prepare
    const { webhooks, sender, deliverEvent } = setup();
    await webhooks.put({ ...webhookRecord('globex'), events: ['contact.changed'] });

    // act
    const none = await deliverEvent(sessionStatusEnvelope('acme'), 1);
    const unsubscribed = await deliverEvent(sessionStatusEnvelope('globex'), 1);

    // assert
    expect([none, unsubscribed]).toEqual(['skipped', 'skipped']);
    expect(sender.requests).toEqual([]);
  });

  it.each([
    [{ kind: 'answered', status: 500 } as const],
    [{ kind: 'answered', status: 301 } as const],
    [{ kind: 'failed', reason: 'no answer within 5000 ms' } as const],
    [{ kind: 'refused', reason: 'the host resolves to a private address' } as const],
  ])('retries after %o', async (result) => {
    const { webhooks, deliverEvent } = setup(new RecordingWebhookSender(() => result));
    await webhooks.put(webhookRecord('acme'));

    expect(await deliverEvent(sessionStatusEnvelope('acme'), 3)).toBe('retry');
  });

  it('logs each attempt with its outcome and host, never the secret, signature or path', async () => {
    // prepare
    const { webhooks, deliverEvent, info } = setup(
      new RecordingWebhookSender(() => ({ kind: 'answered', status: 503 })),
    );
    await webhooks.put(webhookRecord('acme', 'https://hooks.acme.example/t/s3cr3t-path?k=v'));

    // act
    await deliverEvent(sessionStatusEnvelope('acme', 'e-9'), 2);

    // assert
    expect(info).toHaveBeenCalledWith('webhook attempt', {
      eventId: 'e-9',
      eventType: 'session.status',
      tenantId: 'acme',
      attempt: 2,
      host: 'hooks.acme.example',
      outcome: 'rejected',
      status: 503,
      durationMs: expect.any(Number),
    });
    const logged = JSON.stringify(info.mock.calls);
    expect(logged).not.toContain(SECRET.slice(6));
    expect(logged).not.toContain('s3cr3t-path');
    expect(logged).not.toContain('v1,');
  });
});
