import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { replyQueueWildcardFinding, wildcardResourceFinding } from '../nag-findings.ts';
import { ServiceFunction } from './service-function.ts';
import { replyQueuesArn } from './worker-client-grants.ts';

export interface ReplyQueueSweeperProps {
  replyQueueNamePrefix: string;
  replyQueueIdleSeconds: number;
  sweepEveryMinutes: number;
  logRetention: logs.RetentionDays;
}

/**
 * The sweeper that deletes reply queues whose execution environment is long gone, and its
 * schedule. Made directly in `scope` (the API stack), so the logical ids stay those of the
 * resources it has always had.
 */
export function createReplyQueueSweeper(
  scope: Construct,
  props: ReplyQueueSweeperProps,
): ServiceFunction<'functions/reply-queue-sweeper/handler.ts'> {
  const sweeper = new ServiceFunction(scope, 'ReplyQueueSweeper', {
    entry: 'functions/reply-queue-sweeper/handler.ts',
    description: 'Deletes idle reply queues under this deployment prefix',
    memorySize: 256,
    timeout: Duration.minutes(5),
    logRetention: props.logRetention,
    environment: {
      REPLY_QUEUE_NAME_PREFIX: props.replyQueueNamePrefix,
      REPLY_QUEUE_IDLE_SECONDS: String(props.replyQueueIdleSeconds),
    },
  });
  sweeper.role.addToPolicy(
    new iam.PolicyStatement({ actions: ['sqs:ListQueues'], resources: ['*'] }),
  );
  sweeper.role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['sqs:ListQueueTags', 'sqs:GetQueueAttributes', 'sqs:DeleteQueue'],
      resources: [replyQueuesArn(scope, props.replyQueueNamePrefix)],
    }),
  );
  Validations.of(sweeper.role).acknowledge({
    id: wildcardResourceFinding('*'),
    reason:
      'sqs:ListQueues supports no resource-level permission ("*" is its only resource); the sweeper narrows the listing with QueueNamePrefix.',
  });
  Validations.of(sweeper.role).acknowledge({
    id: replyQueueWildcardFinding(props.replyQueueNamePrefix),
    reason:
      'Reply queues are created at run time under this deployment name prefix; tag reads and deletes are confined to it.',
  });
  new events.Rule(scope, 'ReplyQueueSweepSchedule', {
    description: 'Runs the reply-queue sweeper',
    schedule: events.Schedule.rate(Duration.minutes(props.sweepEveryMinutes)),
    targets: [new targets.LambdaFunction(sweeper.function, { retryAttempts: 2 })],
  });
  return sweeper;
}
