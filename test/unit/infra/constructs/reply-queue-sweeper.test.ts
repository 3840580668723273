import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPLY_QUEUE_PREFIX,
  functionByIdPrefix,
  policyStatementsOfRole,
  REPLY_QUEUE_ARN,
  synthesizeAppBeforeAll,
} from '../../../support/infra/synthesize-app.ts';
import { LOG_WRITE, XRAY_WRITE } from '../../../support/infra/template-matchers.ts';

describe('createReplyQueueSweeper', () => {
  const synthesized = synthesizeAppBeforeAll();

  it('passes the sweeper the reply prefix and idle limit, and runs it on a schedule', () => {
    const fn = functionByIdPrefix(synthesized.templates.api, 'ReplyQueueSweeperFunction');
    expect(fn.Properties.Environment).toEqual({
      Variables: {
        REPLY_QUEUE_NAME_PREFIX: DEFAULT_REPLY_QUEUE_PREFIX,
        REPLY_QUEUE_IDLE_SECONDS: '3600',
      },
    });
    synthesized.templates.api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReplyQueueSweeperFunction'), 'Arn'] },
        }),
      ],
    });
  });

  it('lets the sweeper list queues, and read tags of and delete only queues under the reply prefix', () => {
    expect(policyStatementsOfRole(synthesized.templates.api, 'ReplyQueueSweeperRole')).toEqual([
      LOG_WRITE,
      { Action: 'sqs:ListQueues', Effect: 'Allow', Resource: '*' },
      {
        Action: ['sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
        Effect: 'Allow',
        Resource: REPLY_QUEUE_ARN,
      },
      // Active tracing, from the function's own tracing policy.
      XRAY_WRITE,
    ]);
  });
});
