import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { WebhookRecord, WebhookStore } from '../ports/webhook-store.ts';

/** Each tenant's webhook, one item per tenant (`tenantId`). */
export class DynamoDbWebhookStore implements WebhookStore {
  readonly #client: DynamoDBClient;
  readonly #tableName: string;

  constructor(options: { client: DynamoDBClient; tableName: string }) {
    this.#client = options.client;
    this.#tableName = options.tableName;
  }

  async get(tenantId: string): Promise<WebhookRecord | null> {
    const result = await this.#client.send(
      new GetItemCommand({
        TableName: this.#tableName,
        Key: { tenantId: { S: tenantId } },
        ConsistentRead: true,
      }),
    );
    const item = result.Item;
    if (!item?.url?.S || !item.sealedSecret?.S) return null;
    return {
      tenantId,
      url: item.url.S,
      events: item.events?.SS ?? [],
      sealedSecret: item.sealedSecret.S,
      updatedAt: item.updatedAt?.S ?? '',
    };
  }

  async put(record: WebhookRecord): Promise<void> {
    await this.#client.send(
      new PutItemCommand({
        TableName: this.#tableName,
        Item: {
          tenantId: { S: record.tenantId },
          url: { S: record.url },
          events: { SS: record.events },
          sealedSecret: { S: record.sealedSecret },
          updatedAt: { S: record.updatedAt },
        },
      }),
    );
  }

  async delete(tenantId: string): Promise<boolean> {
    const result = await this.#client.send(
      new DeleteItemCommand({
        TableName: this.#tableName,
        Key: { tenantId: { S: tenantId } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return result.Attributes !== undefined;
  }
}
