import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_DELIVERIES_QUEUE } from '../../../../functions/resources/queue-definitions.ts';
import {
  functionByIdPrefix,
  policyStatementsOfRole,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';
import { importOf, LOG_WRITE, XRAY_WRITE } from '../../../support/infra/template-matchers.ts';

describe('createWebhookDeliveryFunction', () => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesizeApp();
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
});
