import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/resources/event-definitions.ts';
import {
  WEBHOOK_DELIVERIES_DLQ,
  WEBHOOK_DELIVERIES_QUEUE,
} from '../../functions/resources/queue-definitions.ts';
import { queueFromDefinition } from './queue-from-definition.ts';

/**
 * The stateful side of events and webhooks: the bus every event goes onto, the tenants'
 * webhooks table, the KMS key that seals their signing secrets, and the delivery queue (with
 * its dead-letter queue) that a rule on the bus feeds. EventBridge rules and API destinations
 * cannot sign Standard Webhooks (HMAC over id, timestamp and body with each tenant's secret),
 * so the bus feeds a queue and a small function signs and sends.
 */
export class SessionEventsData extends Construct {
  readonly bus: events.EventBus;
  readonly webhooksTable: dynamodb.ITable;
  readonly webhookSecretKey: kms.Key;
  readonly deliveryQueue: sqs.Queue;
  readonly deliveryDeadLetterQueue: sqs.Queue;

  /** `webhooksTable`: built by the stack from its definition, beside the other tables. */
  constructor(scope: Construct, id: string, props: { webhooksTable: dynamodb.ITable }) {
    super(scope, id);
    // No description: CloudFormation rejects it on AWS::Events::EventBus in some regions.
    this.bus = new events.EventBus(this, 'Bus');
    this.webhooksTable = props.webhooksTable;
    this.webhookSecretKey = new kms.Key(this, 'WebhookSecretKey', {
      description: 'Seals the tenants webhook signing secrets (encryption context: tenant)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deliveryDeadLetterQueue = queueFromDefinition(
      this,
      WEBHOOK_DELIVERIES_DLQ.id,
      WEBHOOK_DELIVERIES_DLQ,
    );
    this.deliveryQueue = queueFromDefinition(
      this,
      WEBHOOK_DELIVERIES_QUEUE.id,
      WEBHOOK_DELIVERIES_QUEUE,
      this.deliveryDeadLetterQueue,
    );
    // Every event of ours goes to the delivery queue; the function finds the tenant's webhook.
    new events.Rule(this, 'ToWebhookDeliveries', {
      eventBus: this.bus,
      description: 'Feeds the webhook delivery queue',
      eventPattern: { source: [EVENT_SOURCE] },
      targets: [new targets.SqsQueue(this.deliveryQueue)],
    });
    new CfnOutput(scope, 'EventBusName', {
      description: 'EventBridge bus of session.status events (docs/calling-it.md)',
      value: this.bus.eventBusName,
    });
    new CfnOutput(scope, 'EventBusArn', {
      description: 'ARN of the events bus, for rules in other stacks or accounts',
      value: this.bus.eventBusArn,
    });
  }

  /** Lets a status-changing process put events on the bus, and nothing else. */
  grantPublish(grantee: iam.IGrantable): iam.Grant {
    return this.bus.grantPutEventsTo(grantee);
  }
}
