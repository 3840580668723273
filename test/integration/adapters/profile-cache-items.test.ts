import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheItemKey,
  getCacheItem,
  type ProfileCacheTableOptions,
} from '../../../functions/adapters/profile-cache-items.ts';
import { type EmbeddedAws, startEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { UNREACHABLE_ENDPOINT } from '../../support/aws/unreachable-endpoint.ts';

const ALICE = { tenantId: 'acme', userId: 'alice' };
const BOB = { tenantId: 'acme', userId: 'bob' };

describe('profile cache items (dynalite)', () => {
  let aws: EmbeddedAws;
  let table: ProfileCacheTableOptions;

  beforeAll(async () => {
    aws = await startEmbeddedAws();
    table = {
      client: aws.dynamoDb,
      tableName: aws.resources.cacheTableName,
      retentionSeconds: 60,
    };
  });
  afterAll(async () => {
    await aws?.stop();
  });

  it("reads the entry stored under the session's partition and the sort key, and no other session's", async () => {
    // prepare
    await aws.dynamoDb.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: { ...cacheItemKey(ALICE, 'jid#1@s.whatsapp.net'), data: { S: '{"a":1}' } },
      }),
    );

    // act
    const stored = await getCacheItem(table, ALICE, 'jid#1@s.whatsapp.net');
    const otherKey = await getCacheItem(table, ALICE, 'jid#2@s.whatsapp.net');
    const otherSession = await getCacheItem(table, BOB, 'jid#1@s.whatsapp.net');

    // assert
    expect(stored).toMatchObject({
      contactKey: { S: 'jid#1@s.whatsapp.net' },
      data: { S: '{"a":1}' },
    });
    expect(otherKey).toBeUndefined();
    expect(otherSession).toBeUndefined();
  });

  it('answers SERVICE_UNAVAILABLE when the table cannot be reached', async () => {
    // prepare
    const client = new DynamoDBClient(UNREACHABLE_ENDPOINT);
    const unreachable = { ...table, client };

    // act
    const reading = getCacheItem(unreachable, ALICE, 'jid#1@s.whatsapp.net');

    // assert
    await expect(reading).rejects.toMatchObject({ errorCode: 'SERVICE_UNAVAILABLE' });
    client.destroy();
  });
});
