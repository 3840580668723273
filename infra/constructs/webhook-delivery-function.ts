import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StatefulResources } from '../stacks/stateful-stack.ts';
import { ServiceFunction } from './service-function.ts';

/**
 * The webhook delivery function, fed by the delivery queue in batches of up to 10 with
 * partial batch responses: each record is attempted at once under its own 5 s deadline, a
 * failure is handed back to the queue with an exponential delay (ChangeMessageVisibility)
 * instead of being retried in place, so a slow or failing endpoint never holds another
 * tenant's delivery. Grants: read the webhooks table, Decrypt with the webhook key (only
 * this function opens a secret), and consume (receive, delete, delay) its own queue. Made
 * directly in `scope` (the API stack), as the other functions are.
 */
export function createWebhookDeliveryFunction(
  scope: Construct,
  props: { data: StatefulResources; logRetention: logs.RetentionDays },
) {
  const events = props.data.sessionEvents;
  const delivery = new ServiceFunction(scope, 'WebhookDelivery', {
    entry: 'functions/webhook-delivery/handler.ts',
    description: 'Signs (Standard Webhooks) and sends each event to its tenant webhook',
    memorySize: 256,
    // The queue's visibility timeout is six times this, as AWS advises for SQS sources.
    timeout: Duration.seconds(30),
    logRetention: props.logRetention,
    environment: {
      WEBHOOKS_TABLE_NAME: events.webhooksTable.tableName,
      WEBHOOK_SECRET_KEY_ID: events.webhookSecretKey.keyArn,
      WEBHOOK_DELIVERY_QUEUE_URL: events.deliveryQueue.queueUrl,
    },
  });
  const role = delivery.role;
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem'],
      resources: [events.webhooksTable.tableArn],
    }),
  );
  props.data.dataKey.grantDecrypt(role);
  events.webhookSecretKey.grantDecrypt(role);
  // The event source's own grant would go to the function's read-only view of the role;
  // consuming (which includes ChangeMessageVisibility, the retry delay) is granted here.
  events.deliveryQueue.grantConsumeMessages(role);
  delivery.function.addEventSource(
    new lambdaEventSources.SqsEventSource(events.deliveryQueue, {
      batchSize: 10,
      reportBatchItemFailures: true,
      maxConcurrency: 20,
    }),
  );
  return delivery;
}
