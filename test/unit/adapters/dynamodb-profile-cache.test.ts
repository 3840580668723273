import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DynamoDbProfileCache,
  PROFILE_SHAPE_VERSION,
} from '../../../functions/adapters/dynamodb-profile-cache.ts';
import type { ContactQuery } from '../../../functions/domain/contact/contact-query.ts';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const TABLE = 'cache';
const IDENTITY = { tenantId: 'acme', userId: 'alice' };
const contact = (user: string): ContactQuery => ({ kind: 'jid', jid: `${user}@s.whatsapp.net` });

function item(contactKey: { S?: string } | undefined) {
  return {
    contactKey,
    data: { S: `{"jid":"${contactKey?.S}"}` },
    fetchedAt: { N: String(NOW) },
    profileShape: { N: PROFILE_SHAPE_VERSION },
    expiresAt: { N: String(NOW / 1000 + 3600) },
  };
}

/**
 * DynamoDB as a port: each BatchGetItem answers the first key and leaves the rest unprocessed
 * (as AWS may under throttling; dynalite never does, so this path is only reachable here).
 */
function oneKeyPerCall(maxCalls = Number.POSITIVE_INFINITY) {
  const calls: number[] = [];
  const client = {
    send: async (command: BatchGetItemCommand) => {
      if (!(command instanceof BatchGetItemCommand)) throw new Error('unexpected command');
      const keys = command.input.RequestItems?.[TABLE]?.Keys ?? [];
      calls.push(keys.length);
      const [first, ...rest] = calls.length > maxCalls ? [undefined, ...keys] : keys;
      return {
        Responses: { [TABLE]: first ? [item(first.contactKey as { S?: string })] : [] },
        UnprocessedKeys: rest.length > 0 ? { [TABLE]: { Keys: rest } } : {},
      };
    },
  } as unknown as DynamoDBClient;
  return { client, calls };
}

/** The contacts function's reader (no retention of its own) over the given DynamoDB port. */
function readerOver(client: DynamoDBClient): DynamoDbProfileCache {
  return new DynamoDbProfileCache({
    client,
    tableName: TABLE,
    retentionSeconds: 0,
    now: () => NOW,
  });
}

describe('DynamoDbProfileCache.getMany', () => {
  it('asks for unprocessed keys again and answers every contact in order', async () => {
    // prepare
    const { client, calls } = oneKeyPerCall();
    const cache = readerOver(client);

    // act
    const found = await cache.getMany(IDENTITY, [contact('1'), contact('2'), contact('3')]);

    // assert
    expect(calls).toEqual([3, 2, 1]);
    expect(found.map((entry) => entry?.profileJson)).toEqual([
      '{"jid":"jid#1@s.whatsapp.net"}',
      '{"jid":"jid#2@s.whatsapp.net"}',
      '{"jid":"jid#3@s.whatsapp.net"}',
    ]);
  });

  it('gives up after a bounded number of retries and counts the rest as misses', async () => {
    // prepare
    const { client, calls } = oneKeyPerCall(1);
    const cache = readerOver(client);
    const contacts = Array.from({ length: 10 }, (_, index) => contact(String(index)));

    // act
    const found = await cache.getMany(IDENTITY, contacts);

    // assert
    expect(calls).toEqual([10, 9, 9, 9]);
    expect(found.filter((entry) => entry !== null)).toHaveLength(1);
  });

  it('sends a contact named twice once (DynamoDB refuses duplicate keys)', async () => {
    // prepare
    const { client, calls } = oneKeyPerCall();
    const cache = readerOver(client);

    // act
    const found = await cache.getMany(IDENTITY, [contact('1'), contact('1')]);

    // assert
    expect(calls).toEqual([1]);
    expect(found[0]).toEqual(found[1]);
    expect(found[0]).not.toBeNull();
  });
});
