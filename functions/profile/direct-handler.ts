import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createProfileDirectHandler } from './create-profile-direct-handler.ts';
import { readProfileDirectConfig } from './profile-config.ts';

// Lambda entry point for direct invocations: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = createProfileDirectHandler(readProfileDirectConfig(), clients);
