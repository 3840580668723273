import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { DynamoDbProfileCache } from '../functions/adapters/dynamodb-profile-cache.ts';
import { DynamoDbWorkerPresence } from '../functions/adapters/dynamodb-worker-presence.ts';
import type { ContactProfile } from '../functions/domain/contact/contact-profile.ts';
import type { LocalStack } from '../functions/local/local-stack.ts';
import { createDynamoDbClient, createSqsClient } from '../functions/platform/aws-clients.ts';
import { median, roundTo } from './sample-statistics.ts';

const ECHO_WORKER = path.join(import.meta.dirname, 'sqs-echo-worker.ts');

export interface LivePathBreakdown {
  leaseGetItemMs: number;
  /** SendMessage until a long poll already waiting on the queue returns the message. */
  sqsHopMs: number;
  cachePutItemMs: number;
  deleteMessageBatchMs: number;
  /** What one round trip must spend on its critical path: lease + 2 hops + put + delete. */
  criticalPathSumMs: number;
  /** Median round trip through a worker process that only echoes (no DynamoDB, no lookup). */
  echoRoundTripMs: number;
}

/**
 * The calls one live lookup makes, each timed alone on the same embedded services, to explain
 * the round trip: workerClient GetItem (lease), SendMessage, the worker's long poll wakes, cache
 * PutItem, reply SendMessage, the workerClient's long poll wakes, DeleteMessageBatch.
 */
export async function measureLivePathBreakdown(
  stack: LocalStack,
  profile: ContactProfile,
  iterations: number,
): Promise<LivePathBreakdown> {
  const sqs = createSqsClient();
  const dynamoDb = createDynamoDbClient();
  const presence = new DynamoDbWorkerPresence({
    client: dynamoDb,
    tableName: stack.resources.sessionsTableName,
  });
  const cache = new DynamoDbProfileCache({
    client: dynamoDb,
    tableName: stack.resources.cacheTableName,
    retentionSeconds: 3600,
  });
  const identity = { tenantId: 'bench-breakdown', userId: 'bench-user' };
  const created = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-breakdown' }));
  const queueUrl = created.QueueUrl as string;

  const lease: number[] = [];
  const hop: number[] = [];
  const put: number[] = [];
  const remove: number[] = [];
  for (let index = 0; index < iterations; index++) {
    let started = performance.now();
    await presence.isShardServed(0);
    lease.push(performance.now() - started);

    const parked = sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        WaitTimeSeconds: 5,
        MaxNumberOfMessages: 10,
      }),
    );
    // Let the long poll reach the server before sending, as the worker's poll already has.
    await new Promise((resolve) => setTimeout(resolve, 5));
    started = performance.now();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{}' }));
    const received = await parked;
    hop.push(performance.now() - started);

    started = performance.now();
    await cache.put(identity, { kind: 'jid', jid: profile.jid }, profile, Date.now() + index);
    put.push(performance.now() - started);

    started = performance.now();
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: (received.Messages ?? []).map((message, entry) => ({
          Id: String(entry),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
    remove.push(performance.now() - started);
  }
  const echoRoundTripMs = await measureEchoRoundTrip(iterations);
  sqs.destroy();
  dynamoDb.destroy();
  const result = {
    leaseGetItemMs: median(lease),
    sqsHopMs: median(hop),
    cachePutItemMs: median(put),
    deleteMessageBatchMs: median(remove),
  };
  return {
    leaseGetItemMs: roundTo(result.leaseGetItemMs, 2),
    sqsHopMs: roundTo(result.sqsHopMs, 2),
    cachePutItemMs: roundTo(result.cachePutItemMs, 2),
    deleteMessageBatchMs: roundTo(result.deleteMessageBatchMs, 2),
    criticalPathSumMs: roundTo(
      result.leaseGetItemMs +
        2 * result.sqsHopMs +
        result.cachePutItemMs +
        result.deleteMessageBatchMs,
      2,
    ),
    echoRoundTripMs: roundTo(echoRoundTripMs, 2),
  };
}

/** Request/reply with the workerClient's pattern, through `sqs-echo-worker.ts` in its own process. */
async function measureEchoRoundTrip(iterations: number): Promise<number> {
  const sqs = createSqsClient();
  const requests = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-echo-requests' }));
  const replies = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-echo-replies' }));
  const worker = spawn(process.execPath, [ECHO_WORKER, requests.QueueUrl as string], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await once(worker, 'message');
    const samples: number[] = [];
    for (let index = 0; index < iterations + 5; index++) {
      const correlationId = randomUUID();
      const started = performance.now();
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: requests.QueueUrl,
          MessageBody: JSON.stringify({ correlationId, replyQueueUrl: replies.QueueUrl }),
        }),
      );
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: replies.QueueUrl,
            WaitTimeSeconds: 5,
            MaxNumberOfMessages: 10,
          }),
        );
        if (Messages.length === 0) continue;
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: replies.QueueUrl,
            Entries: Messages.map((message, entry) => ({
              Id: String(entry),
              ReceiptHandle: message.ReceiptHandle,
            })),
          }),
        );
        if (Messages.some((message) => message.Body?.includes(correlationId))) break;
      }
      // The first few warm the worker's connections.
      if (index >= 5) samples.push(performance.now() - started);
    }
    return median(samples);
  } finally {
    worker.disconnect();
    sqs.destroy();
  }
}
