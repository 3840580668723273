import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { DynamoDbPictureCache } from '../adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../adapters/dynamodb-profile-cache.ts';
import { DynamoDbSessionCacheEraser } from '../adapters/dynamodb-session-cache-eraser.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { wireSessionEvents } from '../adapters/wire-session-events.ts';
import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createLogger } from '../platform/logger.ts';
import { sqsMessageBody } from '../platform/sqs-message-body.ts';
import { createWhatsAppBackend } from './create-whatsapp-backend.ts';
import { createDispatchWarmups } from './dispatch-warmups.ts';
import { createHandleBatchRequest } from './handle-batch-request.ts';
import { createHandleLogoutSession } from './handle-logout-session.ts';
import { createHandlePairSession } from './handle-pair-session.ts';
import { createHandlePictureRequest } from './handle-picture-request.ts';
import { createHandleProfileRequest } from './handle-profile-request.ts';
import { createProfileRequestMessageHandler } from './profile-request-message-handler.ts';
import { createShardCallbacks } from './shard-callbacks.ts';
import { ShardLease } from './shard-lease.ts';
import { ShardOwnership } from './shard-ownership.ts';
import { SqsQueueConsumer } from './sqs-queue-consumer.ts';
import { DynamoDbTaskPresence } from './task-presence.ts';
import { createWarmupMessageHandler } from './warmup-message-handler.ts';
import type { WorkerConfig } from './worker-config.ts';

/** How long a warm-up request stays worth doing once dispatched. */
const WARMUP_DEADLINE_MS = 60_000;

export interface RunningWorker {
  workerId: string;
  stop(): Promise<void>;
}

/** Wires the worker from its configuration and starts consuming the shards it can hold. */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const logger = createLogger('session-worker');
  const workerId = config.WORKER_ID ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const dynamoDb = createDynamoDbClient();
  const sqs = createSqsClient();
  const consumer = new SqsQueueConsumer({ sqs, logger, maxInFlight: config.WORKER_MAX_IN_FLIGHT });
  const queueOf = (shard: number) => config.REQUEST_QUEUE_URLS[shard] as string;
  // The one record of the leases held: the directory serves (and fences writes of) only these.
  // Its callbacks use the directory and handler built below; they first run in start().
  const ownership: ShardOwnership = new ShardOwnership({
    lease: new ShardLease({
      client: dynamoDb,
      tableName: config.SESSIONS_TABLE_NAME,
      ownerId: workerId,
      durationMs: config.LEASE_DURATION_MS,
    }),
    shardCount: config.REQUEST_QUEUE_URLS.length,
    renewIntervalMs: config.LEASE_RENEW_INTERVAL_MS,
    logger,
    presence: new DynamoDbTaskPresence({
      client: dynamoDb,
      tableName: config.SESSIONS_TABLE_NAME,
      workerId,
      durationMs: config.WORKER_PRESENCE_DURATION_MS,
    }),
    ...createShardCallbacks({
      consumer,
      queueOf,
      logger,
      directory: () => directory,
      handleMessage: () => handleProfileRequestMessage,
    }),
  });
  const events = wireSessionEvents(config, { sqs }, logger);
  const { directory, sessionControl } = await createWhatsAppBackend(config, {
    dynamoDb,
    logger,
    leases: ownership.leases,
    events,
  });
  const cache = new DynamoDbProfileCache(
    dynamoDb,
    config.CACHE_TABLE_NAME,
    config.CACHE_MAX_STALE_SECONDS,
  );
  const handleProfileRequestMessage = createProfileRequestMessageHandler({
    sqs,
    logger,
    lateRequestMaxAgeMs: config.LATE_REQUEST_MAX_AGE_MS,
    handleProfileRequest: createHandleProfileRequest({ directory, cache }),
    handlePictureRequest: createHandlePictureRequest({
      directory,
      cache: new DynamoDbPictureCache(
        dynamoDb,
        config.CACHE_TABLE_NAME,
        config.CACHE_MAX_STALE_SECONDS,
      ),
    }),
    handleBatchRequest: createHandleBatchRequest({ directory, cache }),
    handlePairSession: createHandlePairSession({ sessionControl, logger }),
    handleLogoutSession: createHandleLogoutSession({
      sessionControl,
      attempts: new DynamoDbPairingAttempts(dynamoDb, config.SESSIONS_TABLE_NAME, { events }),
      statuses: new SessionStatusStore({
        client: dynamoDb,
        tableName: config.SESSIONS_TABLE_NAME,
        events,
      }),
      cache: new DynamoDbSessionCacheEraser(dynamoDb, config.CACHE_TABLE_NAME),
    }),
  });
  // Any worker may take warm-ups: each contact goes to its session's shard queue and its owner.
  consumer.consume(
    config.WARMUP_QUEUE_URL,
    createWarmupMessageHandler({
      dispatchWarmups: createDispatchWarmups({
        cache,
        shardCount: config.REQUEST_QUEUE_URLS.length,
        freshSeconds: config.CACHE_FRESH_SECONDS,
        warmupDeadlineMs: WARMUP_DEADLINE_MS,
        sendRequest: async (shard, request) => {
          await sqs.send(
            new SendMessageCommand({
              QueueUrl: queueOf(shard),
              MessageBody: sqsMessageBody(request),
            }),
          );
        },
      }),
      logger,
    }),
  );
  await ownership.start();
  logger.info('worker started', {
    workerId,
    shards: ownership.heldShards,
    backend: config.WA_BACKEND,
  });
  return {
    workerId,
    async stop() {
      // Each queue's last poll runs out in parallel, not one after another.
      const warmupsStopped = consumer.stopConsuming(config.WARMUP_QUEUE_URL);
      await ownership.stop();
      await warmupsStopped;
      await consumer.stop();
      await directory.close?.();
      logger.info('worker stopped', { workerId });
    },
  };
}
