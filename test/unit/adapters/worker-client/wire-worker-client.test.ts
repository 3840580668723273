import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { wireWorkerClient } from '../../../../functions/adapters/worker-client/wire-worker-client.ts';

const CONFIG = {
  SESSIONS_TABLE_NAME: 'sessions',
  REQUEST_QUEUE_URLS: ['https://sqs.local/000000000000/requests'],
  REPLY_QUEUE_NAME_PREFIX: 'replies-',
};
const identity = { tenantId: 'acme', userId: 'alice' };
const contact = { kind: 'jid', jid: '5511999999999@s.whatsapp.net' } as const;

/** Clients that count reads of `sqs` and fail every call (no worker holds the shard). */
function countingClients() {
  const unreachable = { send: async () => Promise.reject(new Error('unreachable')) };
  const reads = { sqs: 0 };
  const clients = {
    dynamoDb: unreachable as unknown as DynamoDBClient,
    get sqs() {
      reads.sqs++;
      return unreachable as unknown as SQSClient;
    },
  };
  return { clients, reads };
}

describe('wireWorkerClient', () => {
  it('reads no SQS client until its first call', () => {
    // prepare
    const { clients, reads } = countingClients();

    // act
    wireWorkerClient(CONFIG, clients);

    // assert
    expect(reads.sqs).toBe(0);
  });

  it('builds one worker client on its first call and keeps it for the next', async () => {
    // prepare
    const { clients, reads } = countingClients();
    const workerClient = wireWorkerClient(CONFIG, clients);
    const call = () =>
      workerClient.request(identity, contact, { deadline: Date.now() + 1_000, refresh: false });

    // act
    const first = await call().catch((error: unknown) => error);
    await call().catch(() => undefined);

    // assert
    expect(first).toBeInstanceOf(Error);
    expect(reads.sqs).toBe(1);
  });
});
