import { createDynamoDbClient } from '../platform/aws-clients.ts';
import { readAuthorizerConfig } from './authorizer-config.ts';
import { wireAuthorizerHandler } from './wire-authorizer-handler.ts';

// Lambda entry point: configuration and the SDK client once per execution environment.
const clients = { dynamoDb: createDynamoDbClient() };
export const handler = wireAuthorizerHandler(readAuthorizerConfig(), clients);
