import { createDynamoDbClient, createSqsClient } from '../../platform/aws-clients.ts';
import { createOnFirstUse } from '../../platform/create-on-first-use.ts';
import { readContactsDirectConfig } from '../contacts-config.ts';
import { wireContactsDirectHandler } from '../wire-contacts.ts';

// Lambda entry point for direct invocations: configuration and SDK clients once per environment.
// The SQS client only when a request reaches the worker: a cold start on a cache hit skips it.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createOnFirstUse(createSqsClient) };
export const handler = wireContactsDirectHandler(readContactsDirectConfig(), clients);
