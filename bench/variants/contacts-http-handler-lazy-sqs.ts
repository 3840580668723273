// Bench variant (bench/cold-start-variants.ts): functions/contacts/http/handler.ts with its SQS
// client created on first use (a cache hit never builds it). Measured, not kept: see BENCHMARKS.md.
import { createDynamoDbClient, createSqsClient } from '../../platform/aws-clients.ts';
import { readContactsHttpConfig } from '../contacts-config.ts';
import { wireContactsHttpHandler } from '../wire-contacts.ts';

function createOnFirstUse<Client extends object>(create: () => Client): Client {
  let client: Client | undefined;
  return new Proxy({} as Client, {
    get(_target, property) {
      client ??= create();
      const value: unknown = Reflect.get(client, property, client);
      return typeof value === 'function' ? value.bind(client) : value;
    },
  });
}

const clients = { dynamoDb: createDynamoDbClient(), sqs: createOnFirstUse(createSqsClient) };
export const handler = wireContactsHttpHandler(readContactsHttpConfig(), clients);
