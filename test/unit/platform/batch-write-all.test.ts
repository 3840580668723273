import type { BatchWriteItemCommand, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  batchWriteAll,
  MAX_UNPROCESSED_RETRIES,
  unprocessedRetryPauseMs,
} from '../../../functions/platform/batch-write-all.ts';

const TABLE = 'sessions';

function deletes(count: number): WriteRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    DeleteRequest: { Key: { pk: { S: 'p' }, sk: { S: `k${index}` } } },
  }));
}

/** A DynamoDB port that leaves the first `leftOver` requests of each of its first `times` calls unprocessed. */
function client(options: { times?: number; leftOver?: number } = {}) {
  const sent: WriteRequest[][] = [];
  const fake = {
    async send(command: BatchWriteItemCommand) {
      const pending = command.input.RequestItems?.[TABLE] ?? [];
      sent.push(pending);
      const unprocessed =
        sent.length <= (options.times ?? 0) ? pending.slice(0, options.leftOver ?? 0) : [];
      return { UnprocessedItems: unprocessed.length ? { [TABLE]: unprocessed } : {} };
    },
  };
  return { client: fake as unknown as DynamoDBClient, sent };
}

const noSleep = async () => {};

describe('batchWriteAll', () => {
  it('sends the requests 25 at a time, in order', async () => {
    // prepare
    const { client: dynamoDb, sent } = client();
    const requests = deletes(60);

    // act
    await batchWriteAll(dynamoDb, TABLE, requests, { what: 'the erase', sleep: noSleep });

    // assert
    expect(sent.map((batch) => batch.length)).toEqual([25, 25, 10]);
    expect(sent.flat()).toEqual(requests);
  });

  it('sends the unprocessed items again after a pause, until none is left', async () => {
    // prepare
    const { client: dynamoDb, sent } = client({ times: 2, leftOver: 3 });
    const pauses: number[] = [];

    // act
    await batchWriteAll(dynamoDb, TABLE, deletes(5), {
      what: 'the erase',
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });

    // assert
    expect(sent.map((batch) => batch.length)).toEqual([5, 3, 3]);
    expect(pauses).toHaveLength(2);
  });

  it('gives up, naming the write, when DynamoDB keeps leaving items unprocessed', async () => {
    // prepare
    const { client: dynamoDb, sent } = client({ times: 1_000, leftOver: 1 });

    // act
    const act = batchWriteAll(dynamoDb, TABLE, deletes(1), { what: 'the erase', sleep: noSleep });

    // assert
    await expect(act).rejects.toThrow('the erase kept being throttled');
    expect(sent).toHaveLength(MAX_UNPROCESSED_RETRIES + 1);
  });

  it('sends nothing for no requests', async () => {
    // prepare
    const { client: dynamoDb, sent } = client();

    // act
    await batchWriteAll(dynamoDb, TABLE, [], { what: 'the erase', sleep: noSleep });

    // assert
    expect(sent).toEqual([]);
  });
});

describe('unprocessedRetryPauseMs', () => {
  it('doubles with each attempt, jittered within its upper half, and stays within a second', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const capped = Math.min(1_000, 25 * 2 ** attempt);
      const pause = unprocessedRetryPauseMs(attempt);
      expect(pause).toBeGreaterThanOrEqual(capped / 2);
      expect(pause).toBeLessThanOrEqual(capped);
    }
  });
});
