import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  paginateQuery,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { conditionHeld } from '../platform/conditional-write.ts';
import type { TokenRecord, TokenStore } from '../ports/token-store.ts';
import { TOKENS_TABLE } from '../resources/table-definitions.ts';
import { DynamoDbTenantUsageKeys } from './dynamodb-tenant-usage-keys.ts';

const BY_TENANT_INDEX = TOKENS_TABLE.globalSecondaryIndexes[0].indexName;

function toRecord(item: Record<string, AttributeValue>): TokenRecord {
  return {
    tokenHash: item.tokenHash?.S ?? '',
    tokenId: item.tokenId?.S ?? '',
    tenantId: item.tenantId?.S ?? '',
    userId: item.userId?.S ?? '',
    createdAt: item.createdAt?.S ?? '',
    ...(item.label?.S !== undefined ? { label: item.label.S } : {}),
    ...(item.role?.S === 'admin' ? { role: 'admin' as const } : {}),
    ...(item.revokedAt?.S !== undefined ? { revokedAt: item.revokedAt.S } : {}),
  };
}

/** Token records in DynamoDB, keyed by the token's SHA-256 hash. */
export class DynamoDbTokenStore implements TokenStore {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;
  readonly #tenantUsageKeys: DynamoDbTenantUsageKeys;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#tenantUsageKeys = new DynamoDbTenantUsageKeys(options);
  }

  async findByHash(tokenHash: string): Promise<TokenRecord | null> {
    const result = await this.#client.send(
      new GetItemCommand({ TableName: this.#tableName, Key: { tokenHash: { S: tokenHash } } }),
    );
    return result.Item ? toRecord(result.Item) : null;
  }

  /** Also makes the tenant's usage key (its quota identifier) when this is its first token. */
  async create(record: TokenRecord): Promise<void> {
    await this.#tenantUsageKeys.ensure(record.tenantId);
    const item: Record<string, AttributeValue> = {
      tokenHash: { S: record.tokenHash },
      tokenId: { S: record.tokenId },
      tenantId: { S: record.tenantId },
      userId: { S: record.userId },
      createdAt: { S: record.createdAt },
    };
    if (record.label !== undefined) item.label = { S: record.label };
    if (record.role === 'admin') item.role = { S: record.role };
    await this.#client.send(
      new PutItemCommand({
        TableName: this.#tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(tokenHash)',
      }),
    );
  }

  async listByTenant(tenantId: string): Promise<TokenRecord[]> {
    const records: TokenRecord[] = [];
    const pages = paginateQuery(
      { client: this.#client },
      {
        TableName: this.#tableName,
        IndexName: BY_TENANT_INDEX,
        KeyConditionExpression: 'tenantId = :tenantId',
        ExpressionAttributeValues: { ':tenantId': { S: tenantId } },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) records.push(toRecord(item));
    }
    return records;
  }

  async revoke(tokenHash: string, revokedAt: string): Promise<boolean> {
    return conditionHeld(() =>
      this.#client.send(
        new UpdateItemCommand({
          TableName: this.#tableName,
          Key: { tokenHash: { S: tokenHash } },
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :revokedAt)',
          ConditionExpression: 'attribute_exists(tokenHash)',
          ExpressionAttributeValues: { ':revokedAt': { S: revokedAt } },
        }),
      ),
    );
  }
}
