import { createSqsClient } from '../platform/aws-clients.ts';
import { readSweeperConfig } from './sweeper-config.ts';
import { wireSweeperHandler } from './wire-sweeper-handler.ts';

// Lambda entry point: configuration and the SDK client once per execution environment.
const clients = { sqs: createSqsClient() };
export const handler = wireSweeperHandler(readSweeperConfig(), clients);
