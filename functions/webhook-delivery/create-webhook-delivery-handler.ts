import type { Logger } from '@aws-lambda-powertools/logger';
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDbWebhookStore } from '../adapters/dynamodb-webhook-store.ts';
import { HttpWebhookSender } from '../adapters/http-webhook-sender.ts';
import { wireSecretSealer } from '../adapters/wire-webhook-settings.ts';
import type { AwsClients } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { createDeliverEvent, type DeliverEvent } from './deliver-event/deliver-event.ts';
import { parseEventEnvelope } from './deliver-event/webhook-message.ts';
import type { WebhookDeliveryConfig } from './webhook-delivery-config.ts';
import { retryDelaySeconds } from './webhook-retry-schedule.ts';

export interface WebhookDeliveryHandlerDependencies {
  deliverEvent: DeliverEvent;
  /** Delays a failed delivery's message by the retry schedule. */
  delay(record: SQSRecord, seconds: number): Promise<void>;
  retryBaseSeconds: number;
  logger: Logger;
}

/**
 * The SQS-fed delivery function (partial batch responses). Every record of a batch is
 * attempted at once, each under its own deadline, so one tenant's slow endpoint delays no
 * other's delivery by more than that deadline; a failed one is not retried here but handed
 * back to the queue, invisible for the schedule's next delay, so retries never occupy the
 * function. A message that is not an event is logged and dropped: retrying cannot fix it.
 */
export function createWebhookDeliveryHandler(dependencies: WebhookDeliveryHandlerDependencies) {
  return async function webhookDeliveryHandler(event: SQSEvent): Promise<SQSBatchResponse> {
    const outcomes = await Promise.all(
      event.Records.map(async (record) => {
        const envelope = parseEventEnvelope(record.body);
        if (!envelope) {
          dependencies.logger.error('dropped a delivery message that is not an event', {
            messageId: record.messageId,
          });
          return null;
        }
        const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
        const outcome = await dependencies
          .deliverEvent(envelope, attempt)
          .catch((error: unknown) => {
            dependencies.logger.error('webhook attempt failed', {
              eventId: envelope.id,
              attempt,
              errorMessage: error instanceof Error ? error.message : String(error),
            });
            return 'retry' as const;
          });
        if (outcome !== 'retry') return null;
        await dependencies
          .delay(record, retryDelaySeconds(attempt, dependencies.retryBaseSeconds))
          .catch(() => undefined);
        return { itemIdentifier: record.messageId };
      }),
    );
    return { batchItemFailures: outcomes.filter((failure) => failure !== null) };
  };
}

/** The delivery function on its real adapters. */
export function wireWebhookDeliveryHandler(config: WebhookDeliveryConfig, clients: AwsClients) {
  const logger = createLogger('webhook-delivery');
  return createWebhookDeliveryHandler({
    deliverEvent: createDeliverEvent({
      webhooks: new DynamoDbWebhookStore({
        client: clients.dynamoDb,
        tableName: config.WEBHOOKS_TABLE_NAME,
      }),
      sealer: wireSecretSealer(config),
      sender: new HttpWebhookSender({
        policy: { allowLoopbackHttp: config.WEBHOOK_ALLOW_LOOPBACK_HTTP === 'true' },
      }),
      logger,
      attemptTimeoutMs: config.WEBHOOK_ATTEMPT_TIMEOUT_MS,
    }),
    delay: (record, seconds) =>
      delayMessage(clients.sqs, config.WEBHOOK_DELIVERY_QUEUE_URL, record, seconds),
    retryBaseSeconds: config.WEBHOOK_RETRY_BASE_SECONDS,
    logger,
  });
}

async function delayMessage(
  sqs: SQSClient,
  queueUrl: string,
  record: SQSRecord,
  seconds: number,
): Promise<void> {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: record.receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );
}
