import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  PROFILE_REQUESTS_DLQ,
  PROFILE_REQUESTS_QUEUE,
} from '../../../../functions/resources/queue-definitions.ts';
import { queueFromDefinition } from '../../../../infra/constructs/queue-from-definition.ts';

/** A request queue and its dead-letter queue, synthesized while the file loads (CDK's first
 * synthesis takes seconds on a busy machine; not inside a test's timeout). */
function requestQueueTemplate(): Template {
  const stack = new Stack(new App(), 'Queues');
  const dlq = queueFromDefinition(stack, 'Dlq', PROFILE_REQUESTS_DLQ);
  queueFromDefinition(stack, 'Requests', PROFILE_REQUESTS_QUEUE, dlq);
  return Template.fromStack(stack);
}

const template = requestQueueTemplate();

describe('queueFromDefinition', () => {
  it('builds the queue with its timeouts, SQS-managed encryption, TLS only, and its redrive', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: PROFILE_REQUESTS_QUEUE.visibilityTimeoutSeconds,
      MessageRetentionPeriod: PROFILE_REQUESTS_QUEUE.retentionSeconds,
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Dlq'), 'Arn'] },
        maxReceiveCount: PROFILE_REQUESTS_QUEUE.maxReceiveCount,
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      }),
    });
  });

  it('refuses a queue that redrives without its dead-letter queue', () => {
    // prepare
    const stack = new Stack(new App(), 'Queues');

    // act
    const act = () => queueFromDefinition(stack, 'Requests', PROFILE_REQUESTS_QUEUE);

    // assert
    expect(act).toThrow(`ProfileRequests redrives to ProfileRequestsDlq; pass that queue`);
  });
});
