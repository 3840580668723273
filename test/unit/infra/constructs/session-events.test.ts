import { beforeAll, describe, expect, it } from 'vitest';

interface Resource {
  Properties: Record<string, unknown>;
}

import { EVENT_SOURCE } from '../../../../functions/resources/event-definitions.ts';
import {
  WEBHOOK_DELIVERIES_DLQ,
  WEBHOOK_DELIVERIES_QUEUE,
} from '../../../../functions/resources/queue-definitions.ts';
import { retryWindowSeconds } from '../../../../functions/webhook-delivery/webhook-retry-schedule.ts';
import {
  functionByIdPrefix,
  policyStatementsOfRole,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';
import { importOf, LOG_WRITE, XRAY_WRITE } from '../../../support/infra/template-matchers.ts';

describe('session events and webhooks in the templates', () => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  it('has an event bus, exported, with a rule feeding our events to the delivery queue', () => {
    const data = synthesized.templates.data;
    data.resourceCountIs('AWS::Events::EventBus', 1);
    const rule = resourceByIdPrefix(data, 'AWS::Events::Rule', 'SessionEventsToWebhookDeliveries');
    expect(rule.Properties).toMatchObject({
      EventBusName: { Ref: expect.stringMatching(/^SessionEventsBus/) },
      EventPattern: { source: [EVENT_SOURCE] },
      Targets: [
        {
          Arn: {
            'Fn::GetAtt': [expect.stringMatching(/^SessionEventsWebhookDeliveries(?!Dlq)/), 'Arn'],
          },
        },
      ],
    });
    expect(Object.keys(data.findOutputs('EventBusName'))).toHaveLength(1);
  });

  it('gives the delivery queue a redrive to its DLQ after the last of ~24 h of attempts', () => {
    const [, queue] = Object.entries(
      synthesized.templates.data.findResources('AWS::SQS::Queue') as Record<string, Resource>,
    ).find(([id]) => /^SessionEventsWebhookDeliveries(?!Dlq)/.test(id)) as [string, Resource];
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: WEBHOOK_DELIVERIES_QUEUE.visibilityTimeoutSeconds,
      MessageRetentionPeriod: WEBHOOK_DELIVERIES_QUEUE.retentionSeconds,
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [expect.stringMatching(/^SessionEventsWebhookDeliveriesDlq/), 'Arn'],
        },
        maxReceiveCount: WEBHOOK_DELIVERIES_QUEUE.maxReceiveCount,
      },
    });
    expect(retryWindowSeconds()).toBeGreaterThanOrEqual(24 * 3600);
    // Kept long enough to be retried throughout the window, and the DLQ longer still.
    expect(WEBHOOK_DELIVERIES_QUEUE.retentionSeconds).toBeGreaterThan(retryWindowSeconds());
    expect(WEBHOOK_DELIVERIES_DLQ.retentionSeconds).toBe(14 * 24 * 3600);
  });

  it('alarms on any message in the webhook dead-letter queue', () => {
    const alarm = resourceByIdPrefix(
      synthesized.templates.observability,
      'AWS::CloudWatch::Alarm',
      'WebhookDeadLetterAlarm',
    );
    expect(alarm.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmTopic/) }],
      Dimensions: [
        { Name: 'QueueName', Value: importOf('SessionEventsWebhookDeliveriesDlq.*QueueName') },
      ],
    });
  });

  it('feeds the delivery function from the queue in batches with partial batch responses', () => {
    const mapping = resourceByIdPrefix(
      synthesized.templates.api,
      'AWS::Lambda::EventSourceMapping',
      'WebhookDeliveryFunction',
    );
    expect(mapping.Properties).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
      EventSourceArn: importOf('SessionEventsWebhookDeliveries(?!Dlq).*Arn'),
    });
    const fn = functionByIdPrefix(synthesized.templates.api, 'WebhookDeliveryFunction');
    // The queue's visibility timeout is six times the function's, as AWS advises.
    expect(Number(fn.Properties.Timeout) * 6).toBe(
      WEBHOOK_DELIVERIES_QUEUE.visibilityTimeoutSeconds,
    );
  });

  it('lets the delivery function read webhooks, open secrets, consume and delay its queue only', () => {
    expect(policyStatementsOfRole(synthesized.templates.api, 'WebhookDeliveryRole')).toEqual([
      LOG_WRITE,
      { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: importOf('Webhooks.*Arn') },
      {
        Action: 'kms:Decrypt',
        Effect: 'Allow',
        Resource: [importOf('DataKey.*Arn'), importOf('SessionEventsWebhookSecretKey.*Arn')],
      },
      {
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        Effect: 'Allow',
        Resource: importOf('SessionEventsWebhookDeliveries(?!Dlq).*Arn'),
      },
      XRAY_WRITE,
    ]);
  });

  it('lets the admin function write and list tokens, read sessions, keep webhooks and only seal secrets', () => {
    expect(policyStatementsOfRole(synthesized.templates.api, 'AdminHttpRole')).toEqual([
      LOG_WRITE,
      {
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Effect: 'Allow',
        Resource: importOf('Tokens.*Arn'),
      },
      {
        Action: 'dynamodb:Query',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [importOf('Tokens.*Arn'), '/index/byTenant']] },
      },
      {
        // Status and pairing attributes of session partitions only (sessions-table-grants.ts).
        Action: 'dynamodb:GetItem',
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['wa-session#*'] },
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': expect.not.arrayContaining(['creds', 'value']),
          },
          StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
        },
        Effect: 'Allow',
        Resource: importOf('Sessions.*Arn'),
      },
      {
        Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
        Effect: 'Allow',
        Resource: importOf('Webhooks.*Arn'),
      },
      {
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        Effect: 'Allow',
        Resource: importOf('DataKey.*Arn'),
      },
      {
        Action: 'kms:Encrypt',
        Effect: 'Allow',
        Resource: importOf('SessionEventsWebhookSecretKey.*Arn'),
      },
      XRAY_WRITE,
    ]);
  });

  it('grants no role other than the delivery function Decrypt on the webhook secret key', () => {
    const policies = [synthesized.templates.api, synthesized.templates.worker].flatMap((template) =>
      Object.entries(template.findResources('AWS::IAM::Policy') as Record<string, Resource>),
    );
    const decrypting = policies
      .filter(([, policy]) =>
        (
          policy.Properties.PolicyDocument as {
            Statement: { Action: unknown; Resource: unknown }[];
          }
        ).Statement.some(
          (statement) =>
            [statement.Action].flat().includes('kms:Decrypt') &&
            JSON.stringify(statement.Resource).includes('SessionEventsWebhookSecretKey'),
        ),
      )
      .map(([id]) => id);
    expect(decrypting).toEqual([expect.stringMatching(/^WebhookDeliveryRole/)]);
  });
});
