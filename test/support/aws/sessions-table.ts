import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../../../functions/local/provision-local-resources.ts';
import { SESSIONS_TABLE } from '../../../functions/resources/table-definitions.ts';
import { startedForTests } from '../vitest/started-for-tests.ts';

export interface SessionsTable {
  client: DynamoDBClient;
  tableName: string;
  /** dynalite's address, for processes that make their own clients. */
  endpoint: string;
  /** A second client, as another worker process would have. */
  newClient(): DynamoDBClient;
  stop(): Promise<void>;
}

/** dynalite on a random loopback port with the sessions table created from its definition. */
export async function startSessionsTable(): Promise<SessionsTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];
  const newClient = () => {
    const client = new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    clients.push(client);
    return client;
  };
  const client = newClient();
  const input = createTableInput(SESSIONS_TABLE);
  await client.send(new CreateTableCommand(input));
  return {
    client,
    tableName: input.TableName ?? '',
    endpoint,
    newClient,
    async stop() {
      for (const each of clients) each.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The sessions table for the tests of the file that calls this: started before them, stopped
 * after them. Its members are there once the tests run.
 */
export function useSessionsTable(): SessionsTable {
  return startedForTests(() => startSessionsTable());
}
