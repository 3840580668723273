import type { Logger } from '@aws-lambda-powertools/logger';
import {
  createShardMessageHandler,
  type ShardMessageHandlerDependencies,
} from '../../../functions/worker/shard-message-handler.ts';
import { SqsQueueConsumer } from '../../../functions/worker/sqs-queue-consumer.ts';
import type { EmbeddedAws } from '../aws/embedded-aws.ts';
import { silentLogger } from '../logging/silent-logger.ts';
import { boundaryOf, LOOKUPS_OF_SHARD_0 } from './shard-message-boundary.ts';

export type LookupHandlers = Pick<
  ShardMessageHandlerDependencies,
  'handleProfileRequest' | 'handlePictureRequest' | 'handleBatchRequest'
>;

/**
 * The worker consuming shard 0's request queue on embedded AWS with the given lookup handlers,
 * as the worker wires it (the embedded queues' boundary, a minute for late requests). The
 * caller stops it.
 */
export function consumeShardZeroLookups(
  aws: EmbeddedAws,
  handlers: LookupHandlers,
  logger: Logger = silentLogger(),
): SqsQueueConsumer {
  const worker = new SqsQueueConsumer({ sqs: aws.sqs, logger, maxInFlight: 4 });
  worker.consume(
    aws.resources.requestQueueUrls[0] as string,
    createShardMessageHandler({
      sqs: aws.sqs,
      source: LOOKUPS_OF_SHARD_0,
      boundary: boundaryOf(aws.resources),
      logger,
      lateRequestMaxAgeMs: 60_000,
      ...handlers,
    }),
  );
  return worker;
}
