import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { readSessionConfig } from './session-config.ts';
import { wireSessionHttpHandler } from './wire-session-http-handler.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = wireSessionHttpHandler(readSessionConfig(), clients);
