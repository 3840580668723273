import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { replyQueueWildcardFinding } from '../nag-findings.ts';

/** Actions a function running the worker client needs on its own reply queue, and only there. */
export const REPLY_QUEUE_OWNER_ACTIONS = [
  'sqs:CreateQueue',
  // CreateQueue with tags needs TagQueue too; TagQueue also refreshes the last-used tag.
  'sqs:TagQueue',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
] as const;

/** Every reply queue of this deployment: the queues under its name prefix. */
export function replyQueuesArn(scope: Construct, replyQueueNamePrefix: string): string {
  return Stack.of(scope).formatArn({ service: 'sqs', resource: `${replyQueueNamePrefix}*` });
}

/**
 * What a function running the worker client (functions/adapters/worker-client/) needs: to send
 * to its shard queues (the request queues for lookups, or the session-command queues for pair
 * and logout: never both), and to own the one reply queue its execution environment creates at
 * run time under the prefix. The cdk-nag acknowledgement of that wildcard is made here, once.
 */
export function grantWorkerClient(
  role: iam.Role,
  props: { shardQueues: readonly sqs.IQueue[]; replyQueueNamePrefix: string },
): void {
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: props.shardQueues.map((queue) => queue.queueArn),
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: [...REPLY_QUEUE_OWNER_ACTIONS],
      resources: [replyQueuesArn(role, props.replyQueueNamePrefix)],
    }),
  );
  Validations.of(role).acknowledge({
    id: replyQueueWildcardFinding(props.replyQueueNamePrefix),
    reason:
      'Each execution environment creates its own reply queue at run time, named <prefix><random>; the wildcard is confined to this deployment reply-queue name prefix.',
  });
}
