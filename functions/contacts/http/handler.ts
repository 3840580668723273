import { createDynamoDbClient, createSqsClient } from '../../platform/aws-clients.ts';
import { createOnFirstUse } from '../../platform/create-on-first-use.ts';
import { readContactsHttpConfig } from '../contacts-config.ts';
import { wireContactsHttpHandler } from '../wire-contacts.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
// The SQS client only when a request reaches the worker: a cold start on a cache hit skips it.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createOnFirstUse(createSqsClient) };
export const handler = wireContactsHttpHandler(readContactsHttpConfig(), clients);
