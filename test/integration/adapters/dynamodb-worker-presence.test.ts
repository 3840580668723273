import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbWorkerPresence } from '../../../functions/adapters/dynamodb-worker-presence.ts';
import { shardLeaseKey } from '../../../functions/resources/sessions-table-keys.ts';
import { useSessionsTable } from '../../support/aws/sessions-table.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('DynamoDbWorkerPresence on dynalite', () => {
  const table = useSessionsTable();
  const presence = () =>
    new DynamoDbWorkerPresence({
      client: table.client,
      tableName: table.tableName,
      now: () => NOW,
    });

  async function writeLease(shard: number, leaseExpiresAtMs: number) {
    const { pk, sk } = shardLeaseKey(shard);
    await table.client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: {
          pk,
          sk,
          ownerId: { S: 'task-1' },
          fencingToken: { N: '1' },
          leaseExpiresAtMs: { N: String(leaseExpiresAtMs) },
        },
      }),
    );
  }

  it('says a shard is served while a worker’s lease on it has not expired', async () => {
    // prepare
    await writeLease(0, NOW + 10_000);

    // act
    const served = await presence().isShardServed(0);

    // assert
    expect(served).toBe(true);
  });

  it('says a shard is not served once its lease has expired', async () => {
    // prepare
    await writeLease(1, NOW - 1);

    // act
    const served = await presence().isShardServed(1);

    // assert
    expect(served).toBe(false);
  });

  it('says a shard no worker ever leased is not served', async () => {
    expect(await presence().isShardServed(7)).toBe(false);
  });
});
