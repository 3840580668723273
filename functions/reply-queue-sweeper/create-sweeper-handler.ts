import type { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import type { ReplyQueueRegistry } from './reply-queue-registry.ts';
import { type SweepResult, sweepIdleReplyQueues } from './sweep-idle-reply-queues.ts';

export interface SweeperHandlerDependencies {
  registry: ReplyQueueRegistry;
  idleSeconds: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * The reply-queue sweeper. Runs on the EventBridge schedule; a failure surfaces as a Lambda
 * error (and its alarm).
 */
export function createSweeperHandler(dependencies: SweeperHandlerDependencies) {
  const now = dependencies.now ?? (() => new Date());

  async function sweep(): Promise<SweepResult> {
    const result = await sweepIdleReplyQueues({
      registry: dependencies.registry,
      idleSeconds: dependencies.idleSeconds,
      now: now(),
    });
    // Queue names carry no personal data: a deployment prefix and a random suffix.
    dependencies.logger.info('reply queues swept', {
      examined: result.examined,
      deleted: result.deleted,
    });
    return result;
  }

  return middy<ScheduledEvent, SweepResult>().handler(sweep);
}
