import { createDynamoDbClient, createSqsClient } from '../../platform/aws-clients.ts';
import { readContactsHttpConfig } from '../contacts-config.ts';
import { wireContactsHttpHandler } from '../wire-contacts.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = wireContactsHttpHandler(readContactsHttpConfig(), clients);
