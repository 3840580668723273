import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { WorkerPresence } from '../ports/worker-presence.ts';
import { shardLeaseKey } from '../resources/sessions-table-keys.ts';

/** Reads the shard's lease item; a lease past its expiry means no worker serves the shard. */
export class DynamoDbWorkerPresence implements WorkerPresence {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #now: () => number;

  constructor(options: { client: DynamoDBClient; tableName: string; now?: () => number }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
  }

  async isShardServed(shard: number): Promise<boolean> {
    const result = await this.#client.send(
      new GetItemCommand({
        TableName: this.#tableName,
        Key: shardLeaseKey(shard),
        ProjectionExpression: 'leaseExpiresAtMs',
      }),
    );
    return Number(result.Item?.leaseExpiresAtMs?.N ?? 0) > this.#now();
  }
}
