import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbWebhookStore } from '../../../functions/adapters/dynamodb-webhook-store.ts';
import { useEmbeddedAws } from '../../support/aws/embedded-aws.ts';
import { webhookRecord } from '../../support/webhooks/in-memory-webhook-ports.ts';

describe('DynamoDbWebhookStore', () => {
  const aws = useEmbeddedAws();
  const store = () =>
    new DynamoDbWebhookStore({ client: aws.dynamoDb, tableName: aws.resources.webhooksTableName });

  it('reads back the webhook it stored, one per tenant, the latest one winning', async () => {
    await store().put(webhookRecord('acme', 'https://acme.example/old'));
    await store().put({
      ...webhookRecord('acme', 'https://acme.example/new'),
      events: ['session.status'],
    });
    await store().put(webhookRecord('globex'));

    const acme = await store().get('acme');

    expect(acme).toEqual({ ...webhookRecord('acme', 'https://acme.example/new') });
    expect((await store().get('globex'))?.url).toBe('https://globex.example/hook');
  });

  it('says whether there was a webhook to delete, and has none after', async () => {
    await store().put(webhookRecord('initech'));

    const deleted = [await store().delete('initech'), await store().delete('initech')];

    expect(deleted).toEqual([true, false]);
    expect(await store().get('initech')).toBeNull();
  });

  it('reads an item without a URL or sealed secret as no webhook', async () => {
    await aws.dynamoDb.send(
      new PutItemCommand({
        TableName: aws.resources.webhooksTableName,
        Item: { tenantId: { S: 'hooli' }, url: { S: 'https://hooli.example/hook' } },
      }),
    );

    const webhook = await store().get('hooli');

    expect(webhook).toBeNull();
  });
});
