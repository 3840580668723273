import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  PROFILE_REQUESTS_DLQ,
  PROFILE_REQUESTS_QUEUE,
  PROFILE_WARMUPS_DLQ,
  PROFILE_WARMUPS_QUEUE,
  type QueueDefinition,
  requestQueueId,
  SESSION_COMMANDS_QUEUE,
  sessionCommandQueueId,
  WEBHOOK_DELIVERIES_DLQ,
  WEBHOOK_DELIVERIES_QUEUE,
} from '../resources/queue-definitions.ts';
import {
  PROFILE_CACHE_TABLE,
  SESSIONS_TABLE,
  TABLE_DEFINITIONS,
  type TableDefinition,
  TOKENS_TABLE,
  WEBHOOKS_TABLE,
} from '../resources/table-definitions.ts';

export interface LocalResources {
  tokensTableName: string;
  cacheTableName: string;
  sessionsTableName: string;
  requestQueueUrls: string[];
  sessionCommandQueueUrls: string[];
  deadLetterQueueUrl: string;
  warmupQueueUrl: string;
  warmupDeadLetterQueueUrl: string;
  replyQueueNamePrefix: string;
  webhooksTableName: string;
  webhookDeliveryQueueUrl: string;
  webhookDeliveryQueueArn: string;
  webhookDeadLetterQueueUrl: string;
}

export const LOCAL_NAME_PREFIX = 'local';

export function localTableName(definition: TableDefinition): string {
  return `${LOCAL_NAME_PREFIX}-${definition.id}`;
}

/** CreateTable input from our shared definition (the CDK stack maps the same definition). */
export function createTableInput(definition: TableDefinition): CreateTableCommandInput {
  const keys = [definition.partitionKey, definition.sortKey].filter((key) => key !== undefined);
  const indexKeys = (definition.globalSecondaryIndexes ?? []).flatMap((index) =>
    [index.partitionKey, index.sortKey].filter((key) => key !== undefined),
  );
  const attributes = new Map([...keys, ...indexKeys].map((key) => [key.name, key.type]));
  return {
    TableName: localTableName(definition),
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([name, type]) => ({
      AttributeName: name,
      AttributeType: type,
    })),
    KeySchema: [
      { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
      ...(definition.sortKey
        ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' as const }]
        : []),
    ],
    ...(definition.globalSecondaryIndexes
      ? {
          GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey
                ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }]
                : []),
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}

async function createQueue(
  sqs: SQSClient,
  name: string,
  definition: QueueDefinition,
  deadLetterQueueArn?: string,
): Promise<string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(definition.retentionSeconds),
  };
  if (deadLetterQueueArn && definition.maxReceiveCount) {
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: deadLetterQueueArn,
      maxReceiveCount: definition.maxReceiveCount,
    });
  }
  const result = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  if (!result.QueueUrl) throw new Error(`CreateQueue ${name} returned no URL`);
  return result.QueueUrl;
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string | undefined> {
  const result = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  return result.Attributes?.QueueArn;
}

/** A queue and its dead-letter queue, each named by its definition's id, the dead letters first. */
async function createQueueWithDeadLetters(
  sqs: SQSClient,
  definition: QueueDefinition,
  deadLetters: QueueDefinition,
): Promise<{ queueUrl: string; deadLetterQueueUrl: string }> {
  const deadLetterQueueUrl = await createQueue(sqs, deadLetters.id, deadLetters);
  const queueArnOfDeadLetters = await queueArn(sqs, deadLetterQueueUrl);
  const queueUrl = await createQueue(sqs, definition.id, definition, queueArnOfDeadLetters);
  return { queueUrl, deadLetterQueueUrl };
}

/** One queue of `definition` per shard, named by `nameOf`, in shard order. */
async function createShardQueues(
  sqs: SQSClient,
  shardCount: number,
  nameOf: (shard: number) => string,
  queue: { definition: QueueDefinition; deadLetterQueueArn: string | undefined },
): Promise<string[]> {
  const urls: string[] = [];
  for (let shard = 0; shard < shardCount; shard++) {
    urls.push(await createQueue(sqs, nameOf(shard), queue.definition, queue.deadLetterQueueArn));
  }
  return urls;
}

/**
 * Creates the tables and queues of the shared definitions on the embedded (or any emulated)
 * DynamoDB and SQS. Idempotent: existing tables are kept with their data.
 */
export async function provisionLocalResources(
  dynamoDb: DynamoDBClient,
  sqs: SQSClient,
  options: { shardCount: number },
): Promise<LocalResources> {
  for (const definition of TABLE_DEFINITIONS) {
    try {
      await dynamoDb.send(new CreateTableCommand(createTableInput(definition)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  }
  const deadLetterQueueUrl = await createQueue(sqs, PROFILE_REQUESTS_DLQ.id, PROFILE_REQUESTS_DLQ);
  const warmups = await createQueueWithDeadLetters(sqs, PROFILE_WARMUPS_QUEUE, PROFILE_WARMUPS_DLQ);
  const requestsDeadLetterArn = await queueArn(sqs, deadLetterQueueUrl);
  const requestQueueUrls = await createShardQueues(sqs, options.shardCount, requestQueueId, {
    definition: PROFILE_REQUESTS_QUEUE,
    deadLetterQueueArn: requestsDeadLetterArn,
  });
  const webhookDeliveries = await createQueueWithDeadLetters(
    sqs,
    WEBHOOK_DELIVERIES_QUEUE,
    WEBHOOK_DELIVERIES_DLQ,
  );
  const sessionCommandQueueUrls = await createShardQueues(
    sqs,
    options.shardCount,
    sessionCommandQueueId,
    { definition: SESSION_COMMANDS_QUEUE, deadLetterQueueArn: requestsDeadLetterArn },
  );
  return {
    tokensTableName: localTableName(TOKENS_TABLE),
    cacheTableName: localTableName(PROFILE_CACHE_TABLE),
    sessionsTableName: localTableName(SESSIONS_TABLE),
    requestQueueUrls,
    sessionCommandQueueUrls,
    deadLetterQueueUrl,
    warmupQueueUrl: warmups.queueUrl,
    warmupDeadLetterQueueUrl: warmups.deadLetterQueueUrl,
    replyQueueNamePrefix: `${LOCAL_NAME_PREFIX}-reply-`,
    webhooksTableName: localTableName(WEBHOOKS_TABLE),
    webhookDeliveryQueueUrl: webhookDeliveries.queueUrl,
    webhookDeliveryQueueArn: (await queueArn(sqs, webhookDeliveries.queueUrl)) ?? '',
    webhookDeadLetterQueueUrl: webhookDeliveries.deadLetterQueueUrl,
  };
}

/** The environment every local process gets: endpoints, dummy credentials, names. */
export function localEnvironment(
  resources: LocalResources,
  endpoints: { dynamoDbEndpoint: string; sqsEndpoint: string },
): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: endpoints.sqsEndpoint,
    [TOKENS_TABLE.envVar]: resources.tokensTableName,
    [PROFILE_CACHE_TABLE.envVar]: resources.cacheTableName,
    [SESSIONS_TABLE.envVar]: resources.sessionsTableName,
    REQUEST_QUEUE_URLS: resources.requestQueueUrls.join(','),
    SESSION_COMMAND_QUEUE_URLS: resources.sessionCommandQueueUrls.join(','),
    WARMUP_QUEUE_URL: resources.warmupQueueUrl,
    REPLY_QUEUE_NAME_PREFIX: resources.replyQueueNamePrefix,
    [WEBHOOKS_TABLE.envVar]: resources.webhooksTableName,
    // No bus locally: events go straight to the delivery queue, as the bus's rule sends them.
    LOCAL_EVENTS_QUEUE_URL: resources.webhookDeliveryQueueUrl,
    WEBHOOK_DELIVERY_QUEUE_URL: resources.webhookDeliveryQueueUrl,
    WEBHOOK_ALLOW_LOOPBACK_HTTP: 'true',
  };
}
