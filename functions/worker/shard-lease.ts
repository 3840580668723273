import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { conditionHeld } from '../platform/conditional-write.ts';
import { shardLeaseKey } from '../resources/sessions-table-keys.ts';
import type { ShardLeaseRecord } from '../resources/shard-lease-record.ts';

/**
 * Ownership of one session shard. Acquire succeeds when the lease is free, expired, or already
 * ours; every acquisition increments the fencing token. Renew succeeds only while we still own
 * it (same owner and fencing token), so a worker that lost its lease finds out at once.
 */
export class ShardLease {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #ownerId: string;
  readonly #durationMs: number;
  readonly #now: () => number;

  constructor(options: {
    client: DynamoDBClient;
    tableName: string;
    ownerId: string;
    durationMs: number;
    now?: () => number;
  }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#ownerId = options.ownerId;
    this.#durationMs = options.durationMs;
    this.#now = options.now ?? Date.now;
  }

  /** Takes the shard's lease; null when another live owner holds it. */
  async acquire(shard: number): Promise<ShardLeaseRecord | null> {
    const now = this.#now();
    try {
      const result = await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: shardLeaseKey(shard),
          UpdateExpression:
            'SET ownerId = :me, leaseExpiresAtMs = :expires, fencingToken = if_not_exists(fencingToken, :zero) + :step',
          ConditionExpression:
            'attribute_not_exists(pk) OR leaseExpiresAtMs <= :now OR ownerId = :me',
          ExpressionAttributeValues: {
            ':me': { S: this.#ownerId },
            ':expires': { N: String(now + this.#durationMs) },
            ':now': { N: String(now) },
            ':zero': { N: '0' },
            ':step': { N: '1' },
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return {
        shard,
        ownerId: this.#ownerId,
        fencingToken: Number(result.Attributes?.fencingToken?.N ?? 0),
        leaseExpiresAtMs: now + this.#durationMs,
      };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  /** Extends a lease we hold; false when it was lost (taken over or fenced). */
  async renew(lease: ShardLeaseRecord): Promise<boolean> {
    const now = this.#now();
    const renewed = await conditionHeld(() =>
      this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: shardLeaseKey(lease.shard),
          UpdateExpression: 'SET leaseExpiresAtMs = :expires',
          ConditionExpression: 'ownerId = :me AND fencingToken = :token',
          ExpressionAttributeValues: {
            ':me': { S: this.#ownerId },
            ':token': { N: String(lease.fencingToken) },
            ':expires': { N: String(now + this.#durationMs) },
          },
        }),
      ),
    );
    if (renewed) lease.leaseExpiresAtMs = now + this.#durationMs;
    return renewed;
  }

  /** Gives the lease up at shutdown so a successor need not wait for it to expire. */
  async release(lease: ShardLeaseRecord): Promise<void> {
    await conditionHeld(() =>
      this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: shardLeaseKey(lease.shard),
          UpdateExpression: 'SET leaseExpiresAtMs = :zero',
          ConditionExpression: 'ownerId = :me AND fencingToken = :token',
          ExpressionAttributeValues: {
            ':me': { S: this.#ownerId },
            ':token': { N: String(lease.fencingToken) },
            ':zero': { N: '0' },
          },
        }),
      ),
    );
  }
}
