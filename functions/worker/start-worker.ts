import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbContactChangeCache } from '../adapters/dynamodb-contact-change-cache.ts';
import { DynamoDbPairingAttempts } from '../adapters/dynamodb-pairing-attempts.ts';
import { DynamoDbPictureCache } from '../adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../adapters/dynamodb-profile-cache.ts';
import { DynamoDbSessionCacheEraser } from '../adapters/dynamodb-session-cache-eraser.ts';
import { SessionStatusStore } from '../adapters/dynamodb-session-status-store.ts';
import { EnvelopeCredentialCipher } from '../adapters/envelope-credential-cipher.ts';
import { wireSessionEvents } from '../adapters/wire-session-events.ts';
import { sqsMessageBody } from '../platform/sqs-message-body.ts';
import type { WhatsAppDirectory } from '../ports/whatsapp-directory.ts';
import { wireWhatsAppBackend } from '../whatsapp/whatsapp-backend.ts';
import { contactChangeListener, createApplyContactChange } from './apply-contact-change.ts';
import { createDispatchWarmups } from './dispatch-warmups.ts';
import { createHandleBatchRequest } from './handle-batch-request.ts';
import { createHandleLogoutSession } from './handle-logout-session.ts';
import { createHandlePairSession } from './handle-pair-session.ts';
import { createHandlePictureRequest } from './handle-picture-request.ts';
import { createHandleProfileRequest } from './handle-profile-request.ts';
import { HeldLeases } from './held-leases.ts';
import type { MessageHandler } from './message-decision.ts';
import { ShardLease } from './shard-lease.ts';
import {
  deploymentReplyQueues,
  type ShardMessageBoundary,
  type ShardQueueSource,
} from './shard-message-boundary.ts';
import { createShardMessageHandler } from './shard-message-handler.ts';
import { ShardOwnership, type ShardOwnershipOptions } from './shard-ownership.ts';
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

/** The SDK clients and the logger `main.ts` builds once for the process. */
export interface WorkerClients {
  dynamoDb: DynamoDBClient;
  sqs: SQSClient;
  logger: Logger;
}

/**
 * Wires the worker in one direction (stores, the WhatsApp backend on them, the shard-message
 * handler on both, then the shard ownership that starts consuming) and starts it.
 */
export async function startWorker(
  config: WorkerConfig,
  clients: WorkerClients,
): Promise<RunningWorker> {
  const { dynamoDb, sqs, logger } = clients;
  const workerId = config.WORKER_ID ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const shardCount = config.REQUEST_QUEUE_URLS.length;
  const queueOf = (shard: number) => config.REQUEST_QUEUE_URLS[shard] as string;
  const boundary: ShardMessageBoundary = {
    shardCount,
    isReplyQueue: deploymentReplyQueues({
      requestQueueUrls: config.REQUEST_QUEUE_URLS,
      replyQueueNamePrefix: config.REPLY_QUEUE_NAME_PREFIX,
    }),
  };
  // Every store is built once, here; the backend and the handlers share them. Those that
  // change a session's status report each change as a session.status event.
  const events = wireSessionEvents(config, { sqs }, logger);
  const statuses = new SessionStatusStore({
    client: dynamoDb,
    tableName: config.SESSIONS_TABLE_NAME,
    events,
  });
  const attempts = new DynamoDbPairingAttempts({
    client: dynamoDb,
    tableName: config.SESSIONS_TABLE_NAME,
    events,
  });
  const cache = new DynamoDbProfileCache({
    client: dynamoDb,
    tableName: config.CACHE_TABLE_NAME,
    retentionSeconds: config.CACHE_MAX_STALE_SECONDS,
  });
  // The one record of the leases held: the ownership writes it, the sessions serve (and fence
  // writes of) only these.
  const leases = new HeldLeases();
  const { directory, sessionControl } = await wireWhatsAppBackend(config, {
    dynamoDb,
    statuses,
    attempts,
    leases,
    cipher: await EnvelopeCredentialCipher.fromSetting(config.CREDENTIALS_KEY),
    shardCount,
    logger,
    events,
    // What WhatsApp pushes about a cached contact keeps its entry true and tells the tenant.
    contactChanges: contactChangeListener(
      createApplyContactChange({
        cache: new DynamoDbContactChangeCache({
          client: dynamoDb,
          tableName: config.CACHE_TABLE_NAME,
        }),
        events,
        logger,
      }),
      logger,
    ),
  });
  const shardHandlerDependencies = {
    sqs,
    logger,
    lateRequestMaxAgeMs: config.LATE_REQUEST_MAX_AGE_MS,
    handleProfileRequest: createHandleProfileRequest({ directory, cache }),
    handlePictureRequest: createHandlePictureRequest({
      directory,
      cache: new DynamoDbPictureCache({
        client: dynamoDb,
        tableName: config.CACHE_TABLE_NAME,
        retentionSeconds: config.CACHE_MAX_STALE_SECONDS,
      }),
    }),
    handleBatchRequest: createHandleBatchRequest({ directory, cache }),
    handlePairSession: createHandlePairSession({ sessionControl, logger }),
    handleLogoutSession: createHandleLogoutSession({
      sessionControl,
      attempts,
      statuses,
      cache: new DynamoDbSessionCacheEraser({
        client: dynamoDb,
        tableName: config.CACHE_TABLE_NAME,
      }),
    }),
  };
  const consumer = new SqsQueueConsumer({ sqs, logger, maxInFlight: config.WORKER_MAX_IN_FLIGHT });
  const ownership = new ShardOwnership({
    lease: new ShardLease({
      client: dynamoDb,
      tableName: config.SESSIONS_TABLE_NAME,
      ownerId: workerId,
      durationMs: config.LEASE_DURATION_MS,
    }),
    leases,
    shardCount,
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
      queueOf: (source) =>
        (source.carries === 'lookups'
          ? config.REQUEST_QUEUE_URLS
          : config.SESSION_COMMAND_QUEUE_URLS)[source.shard] as string,
      logger,
      directory,
      // Each queue its own handler: it knows its shard and whether it may carry commands.
      handlerFor: (source) =>
        createShardMessageHandler({ ...shardHandlerDependencies, source, boundary }),
    }),
  });
  // Any worker may take warm-ups: each contact goes to its session's shard queue and its owner.
  consumer.consume(
    config.WARMUP_QUEUE_URL,
    createWarmupMessageHandler({
      dispatchWarmups: createDispatchWarmups({
        cache,
        // A warm-up names a tenant and user itself. On AWS (baileys) only a paired session is
        // warmed: pairing went through the session API with that user's token (or the operator's
        // CLI), and the worker reads the status item it owns rather than the tokens table. The
        // local backends answer unpaired sessions from the offline directory: no session state.
        sessionAcceptsWarmups:
          config.WA_BACKEND === 'baileys'
            ? async (identity) => (await statuses.get(identity)).state === 'paired'
            : async () => true,
        shardCount,
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
