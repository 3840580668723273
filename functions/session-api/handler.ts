import { createClientsWithSqsOnFirstUse } from '../platform/clients-with-sqs-on-first-use.ts';
import { readSessionConfig } from './session-config.ts';
import { wireSessionHttpHandler } from './wire-session-http-handler.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
// The SQS client only once a pairing or logout sends to the worker: GET /session never does.
const clients = createClientsWithSqsOnFirstUse();
export const handler = wireSessionHttpHandler(readSessionConfig(), clients);
