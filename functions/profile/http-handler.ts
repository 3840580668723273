import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createProfileHttpHandler } from './create-profile-http-handler.ts';
import { readProfileHttpConfig } from './profile-config.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = createProfileHttpHandler(readProfileHttpConfig(), clients);
