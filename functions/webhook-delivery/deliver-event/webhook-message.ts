import { Webhook } from 'standardwebhooks';
import * as z from '../../domain/validation/zod-mini.ts';
import type { EventEnvelope } from '../../resources/event-definitions.ts';

/** The delivery queue's message: an event as EventBridge hands it to an SQS target. */
export const eventEnvelopeSchema = z.object({
  id: z.string().check(z.minLength(1)),
  'detail-type': z.string().check(z.minLength(1)),
  source: z.string(),
  time: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export function parseEventEnvelope(body: string): EventEnvelope | null {
  try {
    const parsed = eventEnvelopeSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The webhook's body and Standard Webhooks headers. The body is the contract's event
 * (`type`, `timestamp`, `data`); `webhook-id` is the event's id, the same on every attempt so
 * a receiver can drop a repeat; `webhook-timestamp` is this attempt's time, which the signature
 * covers with the id and the body.
 */
export function signedWebhookMessage(
  envelope: EventEnvelope,
  secret: string,
  now: Date,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    type: envelope['detail-type'],
    timestamp: new Date(envelope.time).toISOString(),
    data: envelope.detail,
  });
  const id = `msg_${envelope.id}`;
  const signature = new Webhook(secret).sign(id, now, body);
  return {
    body,
    headers: {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}
