import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

/** DynamoDB's limit per BatchWriteItem call. */
const BATCH_WRITE_SIZE = 25;
/** How many times the items DynamoDB leaves unprocessed (throttling) are sent again. */
export const MAX_UNPROCESSED_RETRIES = 8;

/**
 * A pause before sending unprocessed items again: growing from 25 ms, capped at a second, with
 * jitter (AWS's advice for BatchWriteItem and BatchGetItem).
 */
export function unprocessedRetryPauseMs(attempt: number): number {
  const capped = Math.min(1_000, 25 * 2 ** attempt);
  return capped / 2 + Math.random() * (capped / 2);
}

/**
 * Applies every put and delete, in order, in BatchWriteItem calls of 25. What DynamoDB leaves
 * unprocessed is sent again after a growing pause, a bounded number of times; past that it
 * throws `<what> kept being throttled`.
 */
export async function batchWriteAll(
  client: DynamoDBClient,
  tableName: string,
  requests: readonly WriteRequest[],
  options: { what: string; sleep?: (ms: number) => Promise<void> },
): Promise<void> {
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let start = 0; start < requests.length; start += BATCH_WRITE_SIZE) {
    let pending = requests.slice(start, start + BATCH_WRITE_SIZE);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > MAX_UNPROCESSED_RETRIES)
        throw new Error(`${options.what} kept being throttled`);
      if (attempt > 0) await sleep(unprocessedRetryPauseMs(attempt));
      const result = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}
