import { createClientsWithSqsOnFirstUse } from '../../platform/clients-with-sqs-on-first-use.ts';
import { readContactsHttpConfig } from '../contacts-config.ts';
import { wireContactsHttpHandler } from '../wire-contacts.ts';

// Lambda entry point for API Gateway: configuration and SDK clients once per environment.
// The SQS client only once a cache miss asks the worker: a cached answer never creates it.
const clients = createClientsWithSqsOnFirstUse();
export const handler = wireContactsHttpHandler(readContactsHttpConfig(), clients);
