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

/**
 * The settings the SDK would otherwise resolve on the first request, each from its environment
 * variable and then the shared config files (which a Lambda does not have), given as the values
 * that resolution yields on Lambda: the SDK's own defaults. The region is Lambda's AWS_REGION;
 * where that is unset the SDK resolves it as before.
 */
function resolvedSettings(connection: AwsClientConnection) {
  const region = connection.region ?? process.env.AWS_REGION;
  return {
    ...(region ? { region } : {}),
    defaultsMode: 'legacy' as const,
    retryMode: 'standard',
    maxAttempts: 2,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    authSchemePreference: [] as string[],
    requestHandler,
  };
}

export function createDynamoDbClient(connection: AwsClientConnection = {}): DynamoDBClient {
  return new DynamoDBClient({
    ...connection,
    ...resolvedSettings(connection),
    accountIdEndpointMode: 'preferred' as const,
    // What the variable's absence resolves to: discovery only where an operation requires it.
    endpointDiscoveryEnabledProvider: async () => undefined,
  });
}

export function createSqsClient(connection: AwsClientConnection = {}): SQSClient {
  // Always address the configured endpoint, not the QueueUrl's host: embedded and emulated
  // SQS servers hand out URLs whose host names do not resolve. On AWS both are the same.
  return new SQSClient({
    ...connection,
    ...resolvedSettings(connection),
    useQueueUrlAsEndpoint: false,
  });
}
