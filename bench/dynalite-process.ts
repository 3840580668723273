import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '../functions/local/provision-local-resources.ts';
import { SESSIONS_TABLE } from '../functions/resources/table-definitions.ts';

/**
 * dynalite with the sessions table, in a process of its own, so that the capacity bench can
 * keep DynamoDB's stand-in off the worker's CPU (bench/capacity-at-claim.ts pins it to another
 * core). Tells its parent the endpoint and the table's name over IPC; ends with its parent.
 */
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new DynamoDBClient({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
const input = createTableInput(SESSIONS_TABLE);
await client.send(new CreateTableCommand(input));
client.destroy();
process.send?.({ endpoint, tableName: input.TableName });
process.on('disconnect', () => process.exit(0));
