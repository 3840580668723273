import type { AwsClients } from '../../platform/aws-clients.ts';
import { onFirstUse } from '../../platform/on-first-use.ts';
import type { WorkerClient } from '../../ports/worker-client.ts';
import { DynamoDbWorkerPresence } from '../dynamodb-worker-presence.ts';
import { SqsWorkerClient } from './sqs-worker-client.ts';

/** The configuration every function running the worker client reads (see their config schemas). */
export interface WorkerClientConfig {
  SESSIONS_TABLE_NAME: string;
  /** The contacts functions: lookups. */
  REQUEST_QUEUE_URLS?: readonly string[];
  /** The session function and CLI: pair and logout. */
  SESSION_COMMAND_QUEUE_URLS?: readonly string[];
  REPLY_QUEUE_NAME_PREFIX: string;
}

/**
 * The worker client on its real adapters: worker presence from the sessions table's shard
 * leases, the request or session-command queues it sends to, and one reply queue per execution
 * environment under the prefix. Built on its first call, not here: a request the cache answers
 * never reads `clients.sqs`, so a cold start that only reads the cache creates no SQS client.
 */
export function wireWorkerClient(
  config: WorkerClientConfig,
  clients: AwsClients,
  options: { onIgnoredReply?: (correlationId: string) => void } = {},
): WorkerClient {
  const worker = onFirstUse(() => sqsWorkerClient(config, clients, options));
  return {
    request: (...call) => worker().request(...call),
    requestPicture: (...call) => worker().requestPicture(...call),
    requestMany: (...call) => worker().requestMany(...call),
    startPairing: (...call) => worker().startPairing(...call),
    logOut: (...call) => worker().logOut(...call),
  };
}

function sqsWorkerClient(
  config: WorkerClientConfig,
  clients: AwsClients,
  options: { onIgnoredReply?: (correlationId: string) => void },
): SqsWorkerClient {
  return new SqsWorkerClient({
    sqs: clients.sqs,
    presence: new DynamoDbWorkerPresence({
      client: clients.dynamoDb,
      tableName: config.SESSIONS_TABLE_NAME,
    }),
    ...(config.REQUEST_QUEUE_URLS ? { requestQueueUrls: config.REQUEST_QUEUE_URLS } : {}),
    ...(config.SESSION_COMMAND_QUEUE_URLS
      ? { sessionCommandQueueUrls: config.SESSION_COMMAND_QUEUE_URLS }
      : {}),
    replyQueueNamePrefix: config.REPLY_QUEUE_NAME_PREFIX,
    ...(options.onIgnoredReply ? { onIgnoredReply: options.onIgnoredReply } : {}),
  });
}
