import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startEmbeddedServices } from '../../../functions/local/embedded-services.ts';
import {
  type LocalResources,
  provisionLocalResources,
} from '../../../functions/local/provision-local-resources.ts';
import { startedForTests } from '../vitest/started-for-tests.ts';

export interface EmbeddedAws {
  dynamoDb: DynamoDBClient;
  sqs: SQSClient;
  resources: LocalResources;
  endpoints: { dynamoDbEndpoint: string; sqsEndpoint: string };
  stop(): Promise<void>;
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** dynalite and fauxqs on random loopback ports, with our tables and queues, and SDK clients. */
export async function startEmbeddedAws(
  options: { shardCount?: number } = {},
): Promise<EmbeddedAws> {
  const services = await startEmbeddedServices({});
  const dynamoDb = new DynamoDBClient({
    region: 'us-east-1',
    credentials,
    endpoint: services.dynamoDbEndpoint,
  });
  const sqs = new SQSClient({
    region: 'us-east-1',
    credentials,
    endpoint: services.sqsEndpoint,
    useQueueUrlAsEndpoint: false,
  });
  const resources = await provisionLocalResources(dynamoDb, sqs, {
    shardCount: options.shardCount ?? 1,
  });
  return {
    dynamoDb,
    sqs,
    resources,
    endpoints: services,
    async stop() {
      dynamoDb.destroy();
      sqs.destroy();
      await services.stop();
    },
  };
}

/**
 * Embedded AWS for the tests of the describe block (or file) that calls this: started before
 * them, stopped after them. Its members are there once the tests run.
 */
export function useEmbeddedAws(): EmbeddedAws {
  return startedForTests(() => startEmbeddedAws());
}
