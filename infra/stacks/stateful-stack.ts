import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  PROFILE_REQUESTS_DLQ,
  PROFILE_REQUESTS_QUEUE,
  PROFILE_WARMUPS_DLQ,
  PROFILE_WARMUPS_QUEUE,
  requestQueueId,
  SESSION_COMMANDS_QUEUE,
  sessionCommandQueueId,
} from '../../functions/resources/queue-definitions.ts';
import {
  PROFILE_CACHE_TABLE,
  SESSIONS_TABLE,
  TOKENS_TABLE,
  WEBHOOKS_TABLE,
} from '../../functions/resources/table-definitions.ts';
import { CredentialsKey } from '../constructs/credentials-key.ts';
import { grantSendToQueue } from '../constructs/grant-send-to-queue.ts';
import { queueFromDefinition } from '../constructs/queue-from-definition.ts';
import { SessionEventsData } from '../constructs/session-events-data.ts';
import { tableFromDefinition } from '../constructs/table-from-definition.ts';

export interface StatefulStackProps extends StackProps {
  shardCount: number;
  /** The session worker's task role name: the only principal the credentials key lets use it. */
  workerRoleName: string;
}

/** What the stateless stacks receive from the stateful one. */
export interface StatefulResources {
  /** Encrypts the tables and queues at rest. */
  dataKey: kms.IKey;
  /** Seals the sessions' WhatsApp credentials in the application; the worker's alone. */
  credentialsKey: kms.IKey;
  /** Encrypts the alarm topic; CloudWatch may use it, nothing that reads data can. */
  alarmTopicKey: kms.IKey;
  tokensTable: dynamodb.ITable;
  profileCacheTable: dynamodb.ITable;
  sessionsTable: dynamodb.ITable;
  /** One per shard; index = shard. */
  requestQueues: readonly sqs.IQueue[];
  /** One per shard; index = shard. Pair and logout: only the session function may send. */
  sessionCommandQueues: readonly sqs.IQueue[];
  requestDeadLetterQueue: sqs.IQueue;
  /** Batch warm-ups from other services; the worker consumes it (see grantWarmup). */
  warmupQueue: sqs.IQueue;
  warmupDeadLetterQueue: sqs.IQueue;
  /** The events bus, the webhooks table and key, the delivery queue and its DLQ. */
  sessionEvents: SessionEventsData;
}

/**
 * Everything that holds data: the key, the tables and the queues. Kept apart from the code so
 * that redeploying or replacing the stateless stacks can never touch tokens or paired sessions.
 */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    const dataKey = new kms.Key(this, 'DataKey', {
      description: `${this.stackName}: encrypts the tokens, sessions and cache tables`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const credentialsKey = new CredentialsKey(this, 'CredentialsKey', {
      workerRoleName: props.workerRoleName,
    }).key;
    // Its own key: the CloudWatch service may use it, and it unlocks no table.
    const alarmTopicKey = new kms.Key(this, 'AlarmTopicKey', {
      description: `${this.stackName}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch alarms publish to the alarm topic, which this key encrypts.
    alarmTopicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    const requestDeadLetterQueue = queueFromDefinition(
      this,
      PROFILE_REQUESTS_DLQ.id,
      PROFILE_REQUESTS_DLQ,
    );
    const requestQueues = Array.from({ length: props.shardCount }, (_, shard) =>
      queueFromDefinition(
        this,
        requestQueueId(shard),
        PROFILE_REQUESTS_QUEUE,
        requestDeadLetterQueue,
      ),
    );
    const sessionCommandQueues = Array.from({ length: props.shardCount }, (_, shard) =>
      queueFromDefinition(
        this,
        sessionCommandQueueId(shard),
        SESSION_COMMANDS_QUEUE,
        requestDeadLetterQueue,
      ),
    );

    const warmupDeadLetterQueue = queueFromDefinition(
      this,
      PROFILE_WARMUPS_DLQ.id,
      PROFILE_WARMUPS_DLQ,
    );
    const warmupQueue = queueFromDefinition(
      this,
      PROFILE_WARMUPS_QUEUE.id,
      PROFILE_WARMUPS_QUEUE,
      warmupDeadLetterQueue,
    );

    this.resources = {
      dataKey,
      credentialsKey,
      alarmTopicKey,
      tokensTable: tableFromDefinition(this, TOKENS_TABLE, dataKey),
      profileCacheTable: tableFromDefinition(this, PROFILE_CACHE_TABLE, dataKey),
      sessionsTable: tableFromDefinition(this, SESSIONS_TABLE, dataKey),
      requestQueues,
      sessionCommandQueues,
      requestDeadLetterQueue,
      warmupQueue,
      warmupDeadLetterQueue,
      sessionEvents: new SessionEventsData(this, 'SessionEvents', {
        webhooksTable: tableFromDefinition(this, WEBHOOKS_TABLE, dataKey),
      }),
    };

    // What the token and session CLIs need to act on AWS (docs/deploy-and-operations.md).
    new CfnOutput(this, 'TokensTableName', {
      description: `Set as ${TOKENS_TABLE.envVar} for npm run token`,
      value: this.resources.tokensTable.tableName,
    });
    new CfnOutput(this, 'SessionsTableName', {
      description: `Set as ${SESSIONS_TABLE.envVar} for npm run session`,
      value: this.resources.sessionsTable.tableName,
    });
    new CfnOutput(this, 'RequestQueueUrls', {
      description: 'The request queues of the shards (lookups for the worker)',
      value: Fn.join(
        ',',
        requestQueues.map((queue) => queue.queueUrl),
      ),
    });
    new CfnOutput(this, 'SessionCommandQueueUrls', {
      description: 'Set as SESSION_COMMAND_QUEUE_URLS for npm run session (pair, logout)',
      value: Fn.join(
        ',',
        sessionCommandQueues.map((queue) => queue.queueUrl),
      ),
    });
    new CfnOutput(this, 'WarmupQueueUrl', {
      description: 'Warm-up messages from other services (docs/calling-it.md; grantWarmup)',
      value: warmupQueue.queueUrl,
    });
  }

  /**
   * Lets another principal (a CRM sync, a nightly job) send warm-up messages: sqs:SendMessage
   * on the warm-up queue, plus the KMS actions a producer needs should the queue use a KMS key.
   */
  grantWarmup(grantee: iam.IGrantable): iam.Grant {
    return grantSendToQueue(this.resources.warmupQueue, grantee);
  }
}
