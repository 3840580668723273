import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * What a producer needs to send to a queue, and nothing more: sqs:SendMessage (the queue URL
 * comes from a stack output, so no GetQueueUrl or GetQueueAttributes). A queue encrypted with
 * a KMS key also needs kms:GenerateDataKey and kms:Decrypt on that key from its producers;
 * SSE-SQS (our queues) needs no KMS permission at all. `queue.grantSendMessages` would add the
 * two read actions and the key's encrypt and re-encrypt actions besides.
 */
export function grantSendToQueue(queue: sqs.IQueue, grantee: iam.IGrantable): iam.Grant {
  const send = iam.Grant.addToPrincipal({
    grantee,
    actions: ['sqs:SendMessage'],
    resourceArns: [queue.queueArn],
  });
  const key = queue.encryptionMasterKey;
  return key ? send.combine(key.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt')) : send;
}
