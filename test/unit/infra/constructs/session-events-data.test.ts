import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '../../../../functions/resources/event-definitions.ts';
import {
  WEBHOOK_DELIVERIES_DLQ,
  WEBHOOK_DELIVERIES_QUEUE,
} from '../../../../functions/resources/queue-definitions.ts';
import { retryWindowSeconds } from '../../../../functions/webhook-delivery/webhook-retry-schedule.ts';
import {
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';

interface Resource {
  Properties: Record<string, unknown>;
}

describe('SessionEventsData', () => {
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
