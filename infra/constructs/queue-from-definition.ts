import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { QueueDefinition } from '../../functions/resources/queue-definitions.ts';

/**
 * An SQS queue built from its shared definition: server-side encrypted (SSE-SQS, as the reply
 * queues the profile function creates at run time are) and refusing non-TLS requests.
 */
export function queueFromDefinition(
  scope: Construct,
  id: string,
  definition: QueueDefinition,
  deadLetterQueue?: sqs.IQueue,
): sqs.Queue {
  if (definition.maxReceiveCount !== undefined && !deadLetterQueue) {
    throw new Error(
      `${definition.id} redrives to ${definition.deadLetterQueueId}; pass that queue`,
    );
  }
  return new sqs.Queue(scope, id, {
    visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
    retentionPeriod: Duration.seconds(definition.retentionSeconds),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...(deadLetterQueue && definition.maxReceiveCount !== undefined
      ? { deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount } }
      : {}),
  });
}
