// Bench variant (bench/cold-start-variants.ts): functions/platform/aws-clients.ts before its
// clients were given the settings the SDK resolves lazily. Built in place of that file.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Where a client connects when not to the SDK's defaults: the local stack passes its embedded
 * endpoints and dummy credentials here instead of writing them into process.env.
 */
export interface AwsClientConnection {
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The SDK clients a function uses; created once per execution environment, outside the handler. */
export interface AwsClients {
  dynamoDb: DynamoDBClient;
  sqs: SQSClient;
}

/**
 * Endpoints come from the SDK's standard variables (AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_SQS) unless a connection is given, so the same code talks to the embedded
 * stack or to AWS. A short connection timeout makes an unreachable service a quick 503 rather
 * than a hung request.
 */
export const requestHandler = { connectionTimeout: 1_000, requestTimeout: 25_000 } as const;

export function createDynamoDbClient(connection: AwsClientConnection = {}): DynamoDBClient {
  return new DynamoDBClient({ ...connection, requestHandler, maxAttempts: 2 });
}

export function createSqsClient(connection: AwsClientConnection = {}): SQSClient {
  // Always address the configured endpoint, not the QueueUrl's host: embedded and emulated
  // SQS servers hand out URLs whose host names do not resolve. On AWS both are the same.
  return new SQSClient({
    ...connection,
    requestHandler,
    maxAttempts: 2,
    useQueueUrlAsEndpoint: false,
  });
}
