import { type AttributeValue, type DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';
import { type SessionIdentity, sessionKey } from '../domain/session/session-identity.ts';
import { whenServiceAvailable } from '../platform/aws-service-failure.ts';
import { batchWriteAll } from '../platform/batch-write-all.ts';
import type { SessionCacheEraser } from '../ports/session-cache-eraser.ts';
import { PROFILE_CACHE_TABLE } from '../resources/table-definitions.ts';

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

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
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
        await batchWriteAll(
          this.#client,
          this.#tableName,
          keys.map((Key) => ({ DeleteRequest: { Key } })),
          { what: 'deleting the session cache' },
        );
        deleted += keys.length;
      }
    });
    return deleted;
  }
}
