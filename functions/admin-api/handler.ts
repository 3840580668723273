import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { readAdminConfig } from './admin-config.ts';
import { wireAdminHttpHandler } from './create-admin-http-handler.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = wireAdminHttpHandler(readAdminConfig(), clients);
