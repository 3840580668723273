import { type AwsClients, createDynamoDbClient, createSqsClient } from './aws-clients.ts';
import { onFirstUse } from './on-first-use.ts';

/**
 * The clients of a Lambda that reads DynamoDB on every request but sends to SQS only on some (a
 * cache miss, a session command): DynamoDB's created at once, SQS's on the first read of `sqs`.
 */
export function createClientsWithSqsOnFirstUse(): AwsClients {
  const dynamoDb = createDynamoDbClient();
  const sqs = onFirstUse(() => createSqsClient());
  return {
    dynamoDb,
    get sqs() {
      return sqs();
    },
  };
}
