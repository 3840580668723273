import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createSqsClient } from '../shared/adapters/aws-clients.ts';
import { environmentValues, parseEnvironment } from '../shared/config/parse-environment.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { SqsReplyQueueRegistry } from './sqs-reply-queue-registry.ts';
import { type SweepResult, sweepIdleReplyQueues } from './sweep-idle-reply-queues.ts';

// Composition root: configuration and clients once per execution environment.
const config = parseEnvironment({
  // Never empty: an empty prefix would list, and could delete, every queue in the account.
  REPLY_QUEUE_NAME_PREFIX: environmentValues.queueNamePrefix,
  REPLY_QUEUE_IDLE_SECONDS: environmentValues.positiveInt,
});
const logger = createLogger('reply-queue-sweeper');
const registry = new SqsReplyQueueRegistry(createSqsClient(), config.REPLY_QUEUE_NAME_PREFIX);

async function sweep(): Promise<SweepResult> {
  const result = await sweepIdleReplyQueues({
    registry,
    idleSeconds: config.REPLY_QUEUE_IDLE_SECONDS,
    now: new Date(),
  });
  // Queue names carry no personal data: a deployment prefix and a random suffix.
  logger.info('reply queues swept', { examined: result.examined, deleted: result.deleted });
  return result;
}

/** Runs on the EventBridge schedule; a failure surfaces as a Lambda error (and its alarm). */
export const handler = middy<ScheduledEvent, SweepResult>().handler(sweep);
