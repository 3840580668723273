import type { Logger } from '@aws-lambda-powertools/logger';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import type { MessageHandler } from './message-decision.ts';
import type { ShardQueueSource } from './shard-message-boundary.ts';
import type { ShardOwnershipOptions } from './shard-ownership.ts';
import type { SqsQueueConsumer } from './sqs-queue-consumer.ts';

/**
 * What a worker does as a shard comes and goes: its two queues (requests, session commands),
 * each read by a handler that knows which queue it reads, and its sessions.
 */
export function createShardCallbacks(dependencies: {
  consumer: SqsQueueConsumer;
  queueOf: (source: ShardQueueSource) => string;
  logger: Logger;
  directory: WhatsAppDirectory;
  handlerFor: (source: ShardQueueSource) => MessageHandler;
}): Pick<ShardOwnershipOptions, 'onAcquired' | 'onLost' | 'onHandOver'> {
  const { consumer, logger, directory, handlerFor } = dependencies;
  const queuesOf = (shard: number) =>
    (['lookups', 'session-commands'] as const).map((carries) => {
      const source = { shard, carries };
      return { source, url: dependencies.queueOf(source) };
    });
  const stopConsuming = async (shard: number, options: { drain?: boolean } = {}) => {
    await Promise.all(queuesOf(shard).map(({ url }) => consumer.stopConsuming(url, options)));
  };
  return {
    onAcquired: (lease) => {
      for (const { source, url } of queuesOf(lease.shard))
        consumer.consume(url, handlerFor(source));
      directory.openShard?.(lease.shard).catch((error: unknown) => {
        logger.warn('opening the sessions of a shard failed', {
          shard: lease.shard,
          error: error as Error,
        });
      });
    },
    onLost: async (shard) => {
      // Sockets first: the successor may connect these sessions as soon as the lease expired.
      await directory.closeShard?.(shard);
      await stopConsuming(shard);
    },
    onHandOver: async (shard) => {
      // Lease still held: no new requests, those taken are answered, then the sockets close.
      await stopConsuming(shard, { drain: true });
      await directory.closeShard?.(shard);
    },
  };
}
