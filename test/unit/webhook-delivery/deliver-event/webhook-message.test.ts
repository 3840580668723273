import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  parseEventEnvelope,
  signedWebhookMessage,
} from '../../../../functions/webhook-delivery/deliver-event/webhook-message.ts';

const SECRET = `whsec_${Buffer.from('a webhook secret of 32 bytes....').toString('base64')}`;
const envelope = {
  id: '7d3c5a1e-0000-4000-8000-000000000001',
  'detail-type': 'session.status',
  source: 'wa-contact-profile',
  time: '2026-12-08T03:00:00Z',
  detail: { tenant: 'acme', user: 'alice', status: 'paired' },
};

describe('parseEventEnvelope', () => {
  it('reads the envelope EventBridge hands an SQS target', () => {
    const parsed = parseEventEnvelope(JSON.stringify(envelope));

    expect(parsed).toEqual(envelope);
  });

  it('is null for a body that is not JSON, or not such an envelope', () => {
    const parsed = ['not json', JSON.stringify({ ...envelope, id: '' }), '[]'].map(
      parseEventEnvelope,
    );

    expect(parsed).toEqual([null, null, null]);
  });
});

describe('signedWebhookMessage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("signs the contract's event so a Standard Webhooks receiver verifies it", () => {
    const now = new Date('2026-12-08T03:00:05.250Z');

    const { body, headers } = signedWebhookMessage(envelope, SECRET, now);

    expect(JSON.parse(body)).toEqual({
      type: 'session.status',
      timestamp: '2026-12-08T03:00:00.000Z',
      data: envelope.detail,
    });
    expect(headers['webhook-id']).toBe(`msg_${envelope.id}`);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    // The library checks the timestamp against its own clock too: verify at the attempt's time.
    vi.useFakeTimers({ now });
    expect(new Webhook(SECRET).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('keeps the id across attempts and signs each attempt at its own time', () => {
    const first = signedWebhookMessage(envelope, SECRET, new Date('2026-12-08T03:00:05Z'));
    const retry = signedWebhookMessage(envelope, SECRET, new Date('2026-12-08T03:05:05Z'));

    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.headers['webhook-signature']).not.toBe(first.headers['webhook-signature']);
  });
});
