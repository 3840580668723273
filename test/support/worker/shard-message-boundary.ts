import type { MessageHandler } from '../../../functions/worker/message-decision.ts';
import {
  deploymentReplyQueues,
  type ShardMessageBoundary,
  type ShardQueueSource,
} from '../../../functions/worker/shard-message-boundary.ts';
import {
  createShardMessageHandler,
  type ShardMessageHandlerDependencies,
} from '../../../functions/worker/shard-message-handler.ts';

/** The account and region part of the queue URLs in the worker's unit tests. */
export const QUEUE_URL_BASE = 'http://127.0.0.1:4566/000000000000/';
export const REPLY_QUEUE_NAME_PREFIX = 'test-reply-';

/** One shard, its reply queues those of `REPLY_QUEUE_NAME_PREFIX` under `QUEUE_URL_BASE`. */
export const ONE_SHARD_BOUNDARY: ShardMessageBoundary = {
  shardCount: 1,
  isReplyQueue: deploymentReplyQueues({
    requestQueueUrls: [`${QUEUE_URL_BASE}ProfileRequestsShard0`],
    replyQueueNamePrefix: REPLY_QUEUE_NAME_PREFIX,
  }),
};

export const LOOKUPS_OF_SHARD_0: ShardQueueSource = { shard: 0, carries: 'lookups' };
export const COMMANDS_OF_SHARD_0: ShardQueueSource = { shard: 0, carries: 'session-commands' };

/**
 * The shard-message handler of shard 0 of one, as a test builds it: the handler of its request
 * queue unless `source` says otherwise, checked against `ONE_SHARD_BOUNDARY`.
 */
export function shardZeroHandler(
  dependencies: Omit<ShardMessageHandlerDependencies, 'source' | 'boundary'> & {
    source?: ShardQueueSource;
    boundary?: ShardMessageBoundary;
  },
): MessageHandler {
  return createShardMessageHandler({
    source: LOOKUPS_OF_SHARD_0,
    boundary: ONE_SHARD_BOUNDARY,
    ...dependencies,
  });
}

/** The boundary of embedded queues (test/support/aws/embedded-aws.ts): their shards and reply prefix. */
export function boundaryOf(resources: {
  requestQueueUrls: readonly string[];
  replyQueueNamePrefix: string;
}): ShardMessageBoundary {
  return {
    shardCount: resources.requestQueueUrls.length,
    isReplyQueue: deploymentReplyQueues({
      requestQueueUrls: resources.requestQueueUrls,
      replyQueueNamePrefix: resources.replyQueueNamePrefix,
    }),
  };
}
