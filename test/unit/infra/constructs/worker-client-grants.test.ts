import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import {
  grantWorkerClient,
  REPLY_QUEUE_OWNER_ACTIONS,
} from '../../../../infra/constructs/worker-client-grants.ts';

/** A role granted as a worker client of two shards, synthesized while the file loads (CDK's
 * first synthesis takes seconds on a busy machine; not inside a test's timeout). */
function grantedTemplate(): Template {
  const stack = new Stack(new App(), 'Grants');
  const role = new iam.Role(stack, 'Client', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
  const requestQueues = [new sqs.Queue(stack, 'Shard0'), new sqs.Queue(stack, 'Shard1')];
  grantWorkerClient(role, {
    shardQueues: requestQueues,
    replyQueueNamePrefix: '1a2b3c4d-Api-reply-',
  });
  return Template.fromStack(stack);
}

const template = grantedTemplate();

describe('grantWorkerClient', () => {
  it('lets the role send to the request queues and own only the reply queues of its prefix', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Resource: [
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shard0'), 'Arn'] },
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shard1'), 'Arn'] },
            ],
          },
          {
            Action: [...REPLY_QUEUE_OWNER_ACTIONS],
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                Match.arrayWith([Match.stringLikeRegexp(':1a2b3c4d-Api-reply-\\*$')]),
              ],
            },
          },
        ],
        Version: '2012-10-17',
      },
    });
  });

  it('grants the profile function only the reply-queue actions its code calls', () => {
    expect([...REPLY_QUEUE_OWNER_ACTIONS].sort()).toEqual([
      'sqs:CreateQueue',
      'sqs:DeleteMessage',
      'sqs:ReceiveMessage',
      'sqs:TagQueue',
    ]);
  });
});
