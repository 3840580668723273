import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, it } from 'vitest';
import { grantSendToQueue } from '../../../../infra/constructs/grant-send-to-queue.ts';

function roleIn(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Sender', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  });
}

/** A sender granted on a queue encrypted as given, synthesized while the file loads (CDK's
 * first synthesis takes seconds on a busy machine; not inside a test's timeout). */
function grantedTemplate(encryption: 'sqs' | 'kms'): Template {
  const stack = new Stack(new App(), 'Grants');
  const queue =
    encryption === 'sqs'
      ? new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.SQS_MANAGED })
      : new sqs.Queue(stack, 'Queue', {
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey: new kms.Key(stack, 'QueueKey'),
        });
  grantSendToQueue(queue, roleIn(stack));
  return Template.fromStack(stack);
}

const sqsManaged = grantedTemplate('sqs');
const ownKey = grantedTemplate('kms');

describe('grantSendToQueue', () => {
  it('grants SendMessage on the queue alone, and nothing to read it', () => {
    const template = sqsManaged;

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] },
          },
        ],
        Version: '2012-10-17',
      },
    });
  });

  it('adds the two key actions a sender needs when the queue has its own KMS key', () => {
    const template = ownKey;

    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Effect: 'Allow' }),
        ]),
      }),
    });
  });
});
