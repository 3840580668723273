import { createDynamoDbClient, createSqsClient } from '../../platform/aws-clients.ts';
import { readContactsDirectConfig } from '../contacts-config.ts';
import { wireContactsDirectHandler } from '../wire-contacts.ts';

// Lambda entry point for direct invocations: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = wireContactsDirectHandler(readContactsDirectConfig(), clients);
