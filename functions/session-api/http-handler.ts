import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createSessionHttpHandler } from './create-session-http-handler.ts';
import { readSessionConfig } from './session-config.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = createSessionHttpHandler(readSessionConfig(), clients);
