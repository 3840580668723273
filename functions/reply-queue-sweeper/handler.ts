import { createSqsClient } from '../platform/aws-clients.ts';
import { createSweeperHandler } from './create-sweeper-handler.ts';
import { readSweeperConfig } from './sweeper-config.ts';

// Lambda entry point: configuration and the SDK client once per execution environment.
const clients = { sqs: createSqsClient() };
export const handler = createSweeperHandler(readSweeperConfig(), clients);
