import type { Logger } from '@aws-lambda-powertools/logger';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import type { MessageHandler } from './message-decision.ts';
import type { ShardOwnershipOptions } from './shard-ownership.ts';
import type { SqsQueueConsumer } from './sqs-queue-consumer.ts';

/** What a worker does as a shard comes and goes: its request queue and its sessions. */
export function createShardCallbacks(dependencies: {
  consumer: SqsQueueConsumer;
  queueOf: (shard: number) => string;
  logger: Logger;
  directory: WhatsAppDirectory;
  handleMessage: MessageHandler;
}): Pick<ShardOwnershipOptions, 'onAcquired' | 'onLost' | 'onHandOver'> {
  const { consumer, queueOf, logger, directory, handleMessage } = dependencies;
  return {
    onAcquired: (lease) => {
      consumer.consume(queueOf(lease.shard), handleMessage);
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
      await consumer.stopConsuming(queueOf(shard));
    },
    onHandOver: async (shard) => {
      // Lease still held: no new requests, those taken are answered, then the sockets close.
      await consumer.stopConsuming(queueOf(shard), { drain: true });
      await directory.closeShard?.(shard);
    },
  };
}
