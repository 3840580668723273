import type { Logger } from '@aws-lambda-powertools/logger';
import type { SecretSealer } from '../../ports/secret-sealer.ts';
import type { WebhookSender } from '../../ports/webhook-sender.ts';
import type { WebhookStore } from '../../ports/webhook-store.ts';
import type { EventEnvelope } from '../../resources/event-definitions.ts';
import { signedWebhookMessage } from './webhook-message.ts';

export interface DeliverEventDependencies {
  webhooks: WebhookStore;
  sealer: SecretSealer;
  sender: WebhookSender;
  logger: Logger;
  attemptTimeoutMs: number;
  now?: () => Date;
}

/** `delivered` and `skipped` are done with; `retry` comes back after the schedule's delay. */
export type DeliveryOutcome = 'delivered' | 'skipped' | 'retry';

/**
 * One attempt to deliver one event to its tenant's webhook: read the webhook (none, or not
 * subscribed to this type: skipped), open its secret, sign, POST. A 2xx is delivered; any
 * other answer, no answer or a refused target is retried. Each attempt's outcome is logged
 * with the host only: never the secret, the signature or the URL's path and query.
 */
export function createDeliverEvent(dependencies: DeliverEventDependencies) {
  const now = dependencies.now ?? (() => new Date());
  return async function deliverEvent(
    envelope: EventEnvelope,
    attempt: number,
  ): Promise<DeliveryOutcome> {
    const tenantId = typeof envelope.detail.tenant === 'string' ? envelope.detail.tenant : '';
    const base = { eventId: envelope.id, eventType: envelope['detail-type'], tenantId, attempt };
    const webhook = tenantId ? await dependencies.webhooks.get(tenantId) : null;
    if (!webhook?.events.includes(envelope['detail-type'])) {
      dependencies.logger.debug('no webhook for this event', base);
      return 'skipped';
    }
    const secret = await dependencies.sealer.open(webhook.sealedSecret, tenantId);
    const message = signedWebhookMessage(envelope, secret, now());
    const started = Date.now();
    const result = await dependencies.sender.send({
      url: webhook.url,
      ...message,
      timeoutMs: dependencies.attemptTimeoutMs,
    });
    const delivered = result.kind === 'answered' && result.status >= 200 && result.status < 300;
    dependencies.logger.info('webhook attempt', {
      ...base,
      host: hostOf(webhook.url),
      outcome: delivered ? 'delivered' : result.kind === 'answered' ? 'rejected' : result.kind,
      ...(result.kind === 'answered' ? { status: result.status } : { reason: result.reason }),
      durationMs: Date.now() - started,
    });
    return delivered ? 'delivered' : 'retry';
  };
}

export type DeliverEvent = ReturnType<typeof createDeliverEvent>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
