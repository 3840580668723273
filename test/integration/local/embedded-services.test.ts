import { request } from 'node:http';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { startEmbeddedServices } from '../../../functions/local/embedded-services.ts';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Sends a DynamoDB call as raw HTTP and drops the connection at once, as a killed client does. */
function sendAndVanish(endpoint: string, target: string, body: object): void {
  const url = new URL(endpoint);
  const sent = request({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${target}`,
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      'x-amz-date': '20260101T000000Z',
    },
  });
  sent.on('error', () => {});
  sent.end(JSON.stringify(body), () => sent.destroy());
}

describe('startEmbeddedServices', () => {
  it('stops without an uncaught "Database is closed" while requests of a vanished client are still handled', async () => {
    // prepare: a table, and many writes whose client drops its connection as soon as it sent them
    const services = await startEmbeddedServices({});
    const client = new DynamoDBClient({
      endpoint: services.dynamoDbEndpoint,
      region: 'us-east-1',
      credentials: CREDENTIALS,
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'writes',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    client.destroy();
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    for (let i = 0; i < 200; i++) {
      sendAndVanish(services.dynamoDbEndpoint, 'UpdateItem', {
        TableName: 'writes',
        Key: { pk: { S: `k${i}` } },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': { N: String(i) } },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 30));

    // act
    await services.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.off('uncaughtException', record);

    // assert
    expect(uncaught).toEqual([]);
  });
});
