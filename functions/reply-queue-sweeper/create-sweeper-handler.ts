import type { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { createLogger } from '../platform/logger.ts';
import { SqsReplyQueueRegistry } from './sqs-reply-queue-registry.ts';
import { type SweepResult, sweepIdleReplyQueues } from './sweep-idle-reply-queues.ts';
import type { SweeperConfig } from './sweeper-config.ts';

/**
 * The reply-queue sweeper from its configuration and SDK client. Runs on the EventBridge
 * schedule; a failure surfaces as a Lambda error (and its alarm).
 */
export function createSweeperHandler(config: SweeperConfig, clients: { sqs: SQSClient }) {
  const logger = createLogger('reply-queue-sweeper');
  const registry = new SqsReplyQueueRegistry(clients.sqs, config.REPLY_QUEUE_NAME_PREFIX);

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

  return middy<ScheduledEvent, SweepResult>().handler(sweep);
}
