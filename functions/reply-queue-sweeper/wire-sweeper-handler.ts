import type { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger } from '../platform/logger.ts';
import { createSweeperHandler } from './create-sweeper-handler.ts';
import { SqsReplyQueueRegistry } from './sqs-reply-queue-registry.ts';
import type { SweeperConfig } from './sweeper-config.ts';

/** The reply-queue sweeper from its configuration and SDK client. */
export function wireSweeperHandler(config: SweeperConfig, clients: { sqs: SQSClient }) {
  return createSweeperHandler({
    registry: new SqsReplyQueueRegistry({
      sqs: clients.sqs,
      namePrefix: config.REPLY_QUEUE_NAME_PREFIX,
    }),
    idleSeconds: config.REPLY_QUEUE_IDLE_SECONDS,
    logger: createLogger('reply-queue-sweeper'),
  });
}
