import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createClientsWithSqsOnFirstUse } from '../../../functions/platform/clients-with-sqs-on-first-use.ts';

describe('createClientsWithSqsOnFirstUse', () => {
  it('creates the DynamoDB client at once and one SQS client on the first read of sqs', () => {
    // act
    const clients = createClientsWithSqsOnFirstUse();
    const sqs = clients.sqs;

    // assert
    expect(clients.dynamoDb).toBeInstanceOf(DynamoDBClient);
    expect(sqs).toBeInstanceOf(SQSClient);
    expect(clients.sqs).toBe(sqs);
  });
});
