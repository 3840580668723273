import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PROFILE_REQUESTS_DLQ,
  PROFILE_REQUESTS_QUEUE,
  PROFILE_WARMUPS_DLQ,
  PROFILE_WARMUPS_QUEUE,
  SESSION_COMMANDS_QUEUE,
} from '../../../../functions/resources/queue-definitions.ts';
import {
  PROFILE_CACHE_TABLE,
  SESSIONS_TABLE,
  TABLE_DEFINITIONS,
  TOKENS_TABLE,
} from '../../../../functions/resources/table-definitions.ts';
import { buildWaContactProfileApp } from '../../../../infra/build-app.ts';
import { grantSendToQueue } from '../../../../infra/constructs/grant-send-to-queue.ts';
import {
  createApp,
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

describe('StatefulStack', () => {
  let synthesized: SynthesizedApp;
  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  const table = (id: string) =>
    resourceByIdPrefix(synthesized.templates.data, 'AWS::DynamoDB::Table', id) as Resource;

  describe('tables', () => {
    it('builds exactly the tables of the shared definitions', () => {
      synthesized.templates.data.resourceCountIs('AWS::DynamoDB::Table', TABLE_DEFINITIONS.length);
    });

    it.each(TABLE_DEFINITIONS.map((definition) => [definition.id, definition] as const))(
      'gives %s the key schema of its definition, on-demand billing and the data key',
      (id, definition) => {
        const properties = table(id).Properties;
        expect(properties.KeySchema).toEqual([
          { AttributeName: definition.partitionKey.name, KeyType: 'HASH' },
          ...(definition.sortKey
            ? [{ AttributeName: definition.sortKey.name, KeyType: 'RANGE' }]
            : []),
        ]);
        expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
        expect(properties.SSESpecification).toEqual({
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
        });
      },
    );

    it.each([[TOKENS_TABLE.id], [SESSIONS_TABLE.id]])(
      'protects the durable %s table: point-in-time recovery, deletion protection, retained on delete',
      (id) => {
        const resource = table(id);
        expect(resource.Properties.PointInTimeRecoverySpecification).toEqual({
          PointInTimeRecoveryEnabled: true,
        });
        expect(resource.Properties.DeletionProtectionEnabled).toBe(true);
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      },
    );

    it('lets DynamoDB expire cached profiles through the TTL attribute of the definition', () => {
      const resource = table(PROFILE_CACHE_TABLE.id);
      expect(resource.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: PROFILE_CACHE_TABLE.ttlAttribute,
        Enabled: true,
      });
      expect(resource.DeletionPolicy).toBe('Delete');
    });

    it('indexes tokens by tenant as the definition says', () => {
      expect(table(TOKENS_TABLE.id).Properties.GlobalSecondaryIndexes).toEqual([
        {
          IndexName: 'byTenant',
          KeySchema: [
            { AttributeName: 'tenantId', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]);
    });
  });

  describe('warm-up queue', () => {
    it('builds the warm-up queue from its definition, encrypted and redriving to its own dead-letter queue after 5 receives', () => {
      // The logical id is the construct id plus CDK's 8-hex hash (the DLQ's id extends it).
      const queues = Object.entries(
        synthesized.templates.data.findResources('AWS::SQS::Queue') as Record<string, Resource>,
      ).filter(([logicalId]) =>
        new RegExp(`^${PROFILE_WARMUPS_QUEUE.id}[0-9A-F]{8}$`).test(logicalId),
      );
      expect(queues).toHaveLength(1);
      const queue = (queues[0] as [string, Resource])[1];
      expect(PROFILE_WARMUPS_QUEUE.maxReceiveCount).toBe(5);
      expect(queue.Properties).toEqual({
        VisibilityTimeout: PROFILE_WARMUPS_QUEUE.visibilityTimeoutSeconds,
        MessageRetentionPeriod: PROFILE_WARMUPS_QUEUE.retentionSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: {
            'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${PROFILE_WARMUPS_DLQ.id}`)), 'Arn'],
          },
          maxReceiveCount: PROFILE_WARMUPS_QUEUE.maxReceiveCount,
        },
        Tags: expect.any(Array),
      });
    });

    it('keeps warm-up dead letters for the retention of the definition, encrypted', () => {
      const dlq = resourceByIdPrefix(
        synthesized.templates.data,
        'AWS::SQS::Queue',
        PROFILE_WARMUPS_DLQ.id,
      ) as Resource;
      expect(dlq.Properties).toMatchObject({
        MessageRetentionPeriod: PROFILE_WARMUPS_DLQ.retentionSeconds,
        SqsManagedSseEnabled: true,
      });
      expect(dlq.Properties.RedrivePolicy).toBeUndefined();
    });

    it('outputs the warm-up queue URL', () => {
      const outputs = synthesized.templates.data.toJSON().Outputs as Record<
        string,
        { Value: unknown }
      >;
      expect(outputs.WarmupQueueUrl?.Value).toEqual({
        Ref: expect.stringMatching(new RegExp(`^${PROFILE_WARMUPS_QUEUE.id}(?!Dlq)`)),
      });
    });

    it('grantWarmup gives a role in another stack exactly sqs:SendMessage on the warm-up queue', () => {
      const app = createApp();
      const stacks = buildWaContactProfileApp(app);
      const callerStack = new Stack(app, 'CallerStack');
      const caller = new iam.Role(callerStack, 'CrmSyncRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      });

      stacks.data.grantWarmup(caller);

      expect(statementsOfOnlyPolicy(Template.fromStack(callerStack))).toEqual([
        {
          Action: 'sqs:SendMessage',
          Effect: 'Allow',
          Resource: {
            'Fn::ImportValue': expect.stringMatching(
              new RegExp(`^WaContactProfile-Data:.*${PROFILE_WARMUPS_QUEUE.id}(?!Dlq).*Arn`),
            ),
          },
        },
      ]);
    });
  });

  describe('grantSendToQueue', () => {
    it('adds the KMS actions a producer needs when the queue is encrypted with a KMS key', () => {
      const stack = new Stack(createApp(), 'ProducerStack');
      const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
      const queue = new sqs.Queue(stack, 'KmsQueue', {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
      });
      const producer = new iam.Role(stack, 'ProducerRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      });

      grantSendToQueue(queue, producer);

      expect(statementsOfOnlyPolicy(Template.fromStack(stack))).toEqual([
        {
          Action: 'sqs:SendMessage',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^KmsQueue/), 'Arn'] },
        },
        {
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^QueueKey/), 'Arn'] },
        },
      ]);
    });
  });

  it('outputs the table names and request queue URLs the token and session CLIs need', () => {
    const outputs = synthesized.templates.data.toJSON().Outputs as Record<
      string,
      { Value: unknown }
    >;
    expect(outputs.TokensTableName?.Value).toEqual({ Ref: expect.stringMatching(/^Tokens/) });
    expect(outputs.SessionsTableName?.Value).toEqual({ Ref: expect.stringMatching(/^Sessions/) });
    // One shard: the comma-joined list is that one queue's URL.
    expect(outputs.RequestQueueUrls?.Value).toEqual({
      Ref: expect.stringMatching(/^ProfileRequestsShard0/),
    });
  });

  describe('keys', () => {
    type KeyStatement = {
      Sid?: string;
      Principal?: unknown;
      Action: string | string[];
      Condition?: Record<string, Record<string, unknown>>;
    };
    const keyStatements = (idPrefix: string): KeyStatement[] =>
      (
        (resourceByIdPrefix(synthesized.templates.data, 'AWS::KMS::Key', idPrefix) as Resource)
          .Properties.KeyPolicy as { Statement: KeyStatement[] }
      ).Statement;
    const actionsOf = (statement: KeyStatement) =>
      Array.isArray(statement.Action) ? statement.Action : [statement.Action];

    it('rotates the data key, keeps it with the stack gone, and gives CloudWatch no use of it', () => {
      const key = resourceByIdPrefix(
        synthesized.templates.data,
        'AWS::KMS::Key',
        'DataKey',
      ) as Resource;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
      expect(JSON.stringify(keyStatements('DataKey'))).not.toContain('cloudwatch.amazonaws.com');
    });

    it('lets CloudWatch alarms publish to the encrypted topic with a key of its own', () => {
      expect(keyStatements('AlarmTopicKey')).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      );
    });

    it('lets only the worker role use the credentials key, for one named session at a time', () => {
      const statements = keyStatements('CredentialsKey');
      const cryptographic = statements.filter((statement) =>
        actionsOf(statement).some((action) =>
          /^kms:(\*|Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(action),
        ),
      );

      expect(cryptographic).toHaveLength(1);
      const [use] = cryptographic as [KeyStatement];
      expect(actionsOf(use).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(JSON.stringify(use.Condition?.ArnEquals?.['aws:PrincipalArn'])).toContain(
        ':role/WaContactProfile-worker-',
      );
      expect(use.Condition).toMatchObject({
        StringEquals: { 'kms:EncryptionContext:purpose': 'wa-session-auth-state' },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['purpose', 'tenant', 'user'] },
        Null: { 'kms:EncryptionContext:tenant': 'false', 'kms:EncryptionContext:user': 'false' },
      });
      const key = resourceByIdPrefix(
        synthesized.templates.data,
        'AWS::KMS::Key',
        'CredentialsKey',
      ) as Resource;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    });
  });

  describe('queues', () => {
    describe('with two shards', () => {
      let templates: SynthesizedApp['templates'];
      beforeAll(() => {
        ({ templates } = synthesizeApp({ 'waContactProfile:shardCount': 2 }));
      });

      it.each([
        ['request queue', 'ProfileRequestsShard', PROFILE_REQUESTS_QUEUE],
        ['session-command queue', 'SessionCommandsShard', SESSION_COMMANDS_QUEUE],
      ])(
        'creates one %s per shard, each redriving to the request dead-letter queue',
        (_, idPrefix, definition) => {
          for (const shard of [0, 1]) {
            const queue = resourceByIdPrefix(
              templates.data,
              'AWS::SQS::Queue',
              `${idPrefix}${shard}`,
            ) as Resource;
            expect(queue.Properties).toMatchObject({
              VisibilityTimeout: definition.visibilityTimeoutSeconds,
              MessageRetentionPeriod: definition.retentionSeconds,
              SqsManagedSseEnabled: true,
              RedrivePolicy: {
                deadLetterTargetArn: {
                  'Fn::GetAtt': [expect.stringMatching(/^ProfileRequestsDlq/), 'Arn'],
                },
                maxReceiveCount: definition.maxReceiveCount,
              },
            });
          }
        },
      );

      it('creates nine queues in all', () => {
        // Two request queues, two session-command queues, their dead-letter queue, the warm-up
        // and webhook delivery queues and their dead-letter queues.
        templates.data.resourceCountIs('AWS::SQS::Queue', 9);
      });
    });

    it('keeps dead letters for the retention of the definition, encrypted', () => {
      const dlq = resourceByIdPrefix(
        synthesized.templates.data,
        'AWS::SQS::Queue',
        'ProfileRequestsDlq',
      ) as Resource;
      expect(dlq.Properties).toMatchObject({
        MessageRetentionPeriod: PROFILE_REQUESTS_DLQ.retentionSeconds,
        SqsManagedSseEnabled: true,
      });
    });

    it('refuses any request to any queue that does not use TLS', () => {
      const policies = Object.values(
        synthesized.templates.data.findResources('AWS::SQS::QueuePolicy') as Record<
          string,
          Resource
        >,
      );
      expect(policies).toHaveLength(7);
      for (const policy of policies) {
        expect(
          (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement,
        ).toContainEqual({
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Resource: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
        });
      }
    });
  });
});

function statementsOfOnlyPolicy(template: Template): unknown[] {
  const policies = Object.values(
    template.findResources('AWS::IAM::Policy') as Record<
      string,
      { Properties: { PolicyDocument: { Statement: unknown[] } } }
    >,
  );
  expect(policies).toHaveLength(1);
  return (policies[0] as (typeof policies)[number]).Properties.PolicyDocument.Statement;
}
