import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  paginateQuery,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import type { SessionCacheEraser } from '../ports/session-cache-eraser.ts';
import { PROFILE_CACHE_TABLE } from '../resources/table-definitions.ts';

/** DynamoDB's limit per BatchWriteItem call. */
const BATCH_WRITE_SIZE = 25;
/** How many times unprocessed deletes are sent again, and the first pause. */
const UNPROCESSED_RETRIES = 8;
const UNPROCESSED_PAUSE_MS = 25;

const PK = PROFILE_CACHE_TABLE.partitionKey.name;
const SK = PROFILE_CACHE_TABLE.sortKey.name;

/**
 * Deletes a session's partition of the profile cache table: its profiles and its pictures (they
 * share the partition `<tenant>#<user>`). A Query reads only the keys, page by page; each page's
 * keys are deleted in BatchWriteItem calls of 25, and what DynamoDB leaves unprocessed
 * (throttling) is sent again with a growing pause, a bounded number of times.
 */
export class DynamoDbSessionCacheEraser implements SessionCacheEraser {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(client: DynamoDBClient, tableName: string) {
    this.#client = client;
    this.#tableName = tableName;
  }

  async deleteSession(identity: SessionIdentity): Promise<number> {
    let deleted = 0;
    const pages = paginateQuery(
      { client: this.#client },
      {
        TableName: this.#tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: { ':pk': { S: sessionKey(identity) } },
        ProjectionExpression: '#pk, #sk',
        ConsistentRead: true,
      },
    );
    await whenServiceAvailable('the profile cache', async () => {
      for await (const page of pages) {
        const keys = (page.Items ?? []).map(
          (item): Record<string, AttributeValue> => ({
            [PK]: item[PK] as AttributeValue,
            [SK]: item[SK] as AttributeValue,
          }),
        );
        for (let start = 0; start < keys.length; start += BATCH_WRITE_SIZE) {
          await this.#delete(keys.slice(start, start + BATCH_WRITE_SIZE));
        }
        deleted += keys.length;
      }
    });
    return deleted;
  }

  async #delete(keys: Record<string, AttributeValue>[]): Promise<void> {
    let pending: WriteRequest[] = keys.map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > UNPROCESSED_RETRIES) {
        throw new Error('deleting the session cache kept being throttled');
      }
      if (attempt > 0) await sleep(UNPROCESSED_PAUSE_MS * 2 ** (attempt - 1));
      const result = await this.#client.send(
        new BatchWriteItemCommand({ RequestItems: { [this.#tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[this.#tableName] ?? [];
    }
  }
}
