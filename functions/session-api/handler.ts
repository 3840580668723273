import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { createOnFirstUse } from '../platform/create-on-first-use.ts';
import { readSessionConfig } from './session-config.ts';
import { wireSessionHttpHandler } from './wire-session-http-handler.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
// The SQS client only when a request reaches the worker: a cold start on a status read skips it.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createOnFirstUse(createSqsClient) };
export const handler = wireSessionHttpHandler(readSessionConfig(), clients);
