import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createDynamoDbClient, createSqsClient } from '../shared/adapters/aws-clients.ts';
import { DynamoDbProfileCache } from '../shared/adapters/dynamodb-profile-cache.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { createWhatsAppDirectory } from './create-whatsapp-directory.ts';
import { createHandleProfileRequest } from './handle-profile-request.ts';
import { SessionWorker } from './session-worker.ts';
import { ShardLease } from './shard-lease.ts';
import { ShardOwnership } from './shard-ownership.ts';
import type { WorkerConfig } from './worker-config.ts';

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
  const directory = await createWhatsAppDirectory(config);
  const worker = new SessionWorker({
    sqs,
    logger,
    maxInFlight: config.WORKER_MAX_IN_FLIGHT,
    lateRequestMaxAgeMs: config.LATE_REQUEST_MAX_AGE_MS,
    handleProfileRequest: createHandleProfileRequest({
      directory,
      cache: new DynamoDbProfileCache(
        dynamoDb,
        config.CACHE_TABLE_NAME,
        config.CACHE_MAX_STALE_SECONDS,
      ),
    }),
  });
  const queueOf = (shard: number) => config.REQUEST_QUEUE_URLS[shard] as string;
  const ownership = new ShardOwnership({
    lease: new ShardLease({
      client: dynamoDb,
      tableName: config.SESSIONS_TABLE_NAME,
      ownerId: workerId,
      durationMs: config.LEASE_DURATION_MS,
    }),
    shardCount: config.REQUEST_QUEUE_URLS.length,
    renewIntervalMs: config.LEASE_RENEW_INTERVAL_MS,
    logger,
    onAcquired: (lease) => worker.consume(queueOf(lease.shard)),
    onLost: (shard) => worker.stopConsuming(queueOf(shard)),
  });
  await ownership.start();
  logger.info('worker started', {
    workerId,
    shards: ownership.heldShards,
    backend: config.WA_BACKEND,
  });
  return {
    workerId,
    async stop() {
      await ownership.stop();
      await worker.stop();
      await directory.close?.();
      logger.info('worker stopped', { workerId });
    },
  };
}
