import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Endpoints come from the SDK's standard variables (AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_SQS), so the same code talks to the embedded stack or to AWS. A short
 * connection timeout makes an unreachable service a quick 503 rather than a hung request.
 */
const requestHandler = { connectionTimeout: 1_000, requestTimeout: 25_000 } as const;

export function createDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({ requestHandler, maxAttempts: 2 });
}

export function createSqsClient(): SQSClient {
  // Always address the configured endpoint, not the QueueUrl's host: embedded and emulated
  // SQS servers hand out URLs whose host names do not resolve. On AWS both are the same.
  return new SQSClient({ requestHandler, maxAttempts: 2, useQueueUrlAsEndpoint: false });
}
