import { randomBytes } from 'node:crypto';
import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { conditionHeld } from '../platform/conditional-write.ts';
import type { TenantUsageKey, TenantUsageKeys } from '../ports/tenant-usage-keys.ts';
import { TENANT_ITEM_KEY_PREFIX } from '../resources/tenant-usage-plan.ts';

/** API Gateway accepts API key values of 20 to 128 characters; 32 random bytes give 43. */
function newUsageKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tenant items in the tokens table (`tokenHash` = `tenant#<tenantId>`), holding the tenant's
 * usage key. The item has no `tenantId` attribute, so the tenant index never lists it.
 */
export class DynamoDbTenantUsageKeys implements TenantUsageKeys {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async find(tenantId: string): Promise<TenantUsageKey | null> {
    const result = await this.#client.send(
      new GetItemCommand({
        TableName: this.#tableName,
        Key: this.#key(tenantId),
        ConsistentRead: true,
      }),
    );
    const usageKey = result.Item?.usageKey?.S;
    if (!usageKey) return null;
    const apiKeyId = result.Item?.apiKeyId?.S;
    return { tenantId, usageKey, ...(apiKeyId ? { apiKeyId } : {}) };
  }

  async ensure(tenantId: string): Promise<TenantUsageKey> {
    const usageKey = newUsageKey();
    const created = await conditionHeld(() =>
      this.#client.send(
        new PutItemCommand({
          TableName: this.#tableName,
          Item: {
            ...this.#key(tenantId),
            tenant: { S: tenantId },
            usageKey: { S: usageKey },
            createdAt: { S: new Date().toISOString() },
          },
          ConditionExpression: 'attribute_not_exists(tokenHash)',
        }),
      ),
    );
    if (created) return { tenantId, usageKey };
    // Another token of the tenant made it first: theirs stands.
    const existing = await this.find(tenantId);
    if (!existing) throw new Error('the tenant item exists but holds no usage key');
    return existing;
  }

  async recordApiKey(tenantId: string, apiKeyId: string): Promise<void> {
    await this.#client.send(
      new UpdateItemCommand({
        TableName: this.#tableName,
        Key: this.#key(tenantId),
        UpdateExpression: 'SET apiKeyId = :apiKeyId',
        ConditionExpression: 'attribute_exists(tokenHash)',
        ExpressionAttributeValues: { ':apiKeyId': { S: apiKeyId } },
      }),
    );
  }

  #key(tenantId: string) {
    return { tokenHash: { S: `${TENANT_ITEM_KEY_PREFIX}${tenantId}` } };
  }
}
