import {
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import {
  SESSIONS_PK,
  SESSIONS_SK,
  WORKER_PRESENCE_PARTITION,
  workerPresenceKey,
} from '../resources/sessions-table-keys.ts';

/** How a worker task tells the others it runs, and learns how many run. */
export interface TaskPresence {
  /** Renews this task's presence and returns the number of live tasks, itself included. */
  announce(): Promise<number>;
  /** Removes this task's presence at shutdown, so the others grow their share at once. */
  withdraw(): Promise<void>;
}

/**
 * Presence items in the sessions table, one per task under one partition: a heartbeat is one
 * PutItem and one Query of that partition. An item counts while its `expiresAtMs` lies ahead;
 * the table's TTL attribute removes long-dead ones later (TTL deletes late, so readers check).
 */
export class DynamoDbTaskPresence implements TaskPresence {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #workerId: string;
  readonly #durationMs: number;
  readonly #now: () => number;

  constructor(options: {
    client: DynamoDBClient;
    tableName: string;
    workerId: string;
    durationMs: number;
    now?: () => number;
  }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#workerId = options.workerId;
    this.#durationMs = options.durationMs;
    this.#now = options.now ?? Date.now;
  }

  async announce(): Promise<number> {
    const now = this.#now();
    const expiresAtMs = now + this.#durationMs;
    await this.#client.send(
      new PutItemCommand({
        TableName: this.#tableName,
        Item: {
          ...workerPresenceKey(this.#workerId),
          expiresAtMs: { N: String(expiresAtMs) },
          expiresAt: { N: String(Math.ceil(expiresAtMs / 1000) + 3600) },
        },
      }),
    );
    const others = new Set<string>();
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.#client.send(
        new QueryCommand({
          TableName: this.#tableName,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: 'expiresAtMs > :now',
          ExpressionAttributeNames: { '#pk': SESSIONS_PK, '#sk': SESSIONS_SK },
          ExpressionAttributeValues: {
            ':pk': { S: WORKER_PRESENCE_PARTITION },
            ':now': { N: String(now) },
          },
          ProjectionExpression: '#sk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const id = item[SESSIONS_SK]?.S;
        if (id !== undefined && id !== this.#workerId) others.add(id);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return others.size + 1;
  }

  async withdraw(): Promise<void> {
    await this.#client.send(
      new DeleteItemCommand({
        TableName: this.#tableName,
        Key: workerPresenceKey(this.#workerId),
      }),
    );
  }
}
