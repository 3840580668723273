import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { startFauxqs } from 'fauxqs';

export interface EmbeddedServices {
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
  stop(): Promise<void>;
}

/**
 * Embedded DynamoDB (dynalite) and SQS (fauxqs) on loopback. `dynamoDbPath` persists DynamoDB
 * (tokens survive a restart); without it everything is in memory. Port 0 picks a free port.
 */
export async function startEmbeddedServices(options: {
  dynamoDbPath?: string;
  dynamoDbPort?: number;
  sqsPort?: number;
}): Promise<EmbeddedServices> {
  const dynamoDb = dynalite({
    ...(options.dynamoDbPath ? { path: options.dynamoDbPath } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    dynamoDb.once('error', reject);
    dynamoDb.listen(options.dynamoDbPort ?? 0, '127.0.0.1', () => resolve());
  });
  const sqs = await startFauxqs({ port: options.sqsPort ?? 0, host: 'localhost', logger: false });
  const { port } = dynamoDb.address() as AddressInfo;
  return {
    dynamoDbEndpoint: `http://127.0.0.1:${port}`,
    sqsEndpoint: sqs.address,
    async stop() {
      await sqs.stop();
      await new Promise<void>((resolve) => dynamoDb.close(() => resolve()));
    },
  };
}
