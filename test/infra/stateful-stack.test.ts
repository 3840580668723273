import { beforeAll, describe, expect, it } from 'vitest';
import {
  PROFILE_REQUESTS_DLQ,
  PROFILE_REQUESTS_QUEUE,
} from '../../functions/shared/resources/queue-definitions.ts';
import {
  PROFILE_CACHE_TABLE,
  SESSIONS_TABLE,
  TABLE_DEFINITIONS,
  TOKENS_TABLE,
} from '../../functions/shared/resources/table-definitions.ts';
import {
  resourceByIdPrefix,
  type SynthesizedApp,
  synthesizeApp,
} from './support/synthesize-app.ts';

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

  it('outputs the table names the token and session CLIs need', () => {
    const outputs = synthesized.templates.data.toJSON().Outputs as Record<
      string,
      { Value: unknown }
    >;
    expect(outputs.TokensTableName?.Value).toEqual({ Ref: expect.stringMatching(/^Tokens/) });
    expect(outputs.SessionsTableName?.Value).toEqual({ Ref: expect.stringMatching(/^Sessions/) });
  });

  describe('data key', () => {
    it('rotates, survives the stack and lets CloudWatch alarms publish to the encrypted topic', () => {
      const key = resourceByIdPrefix(
        synthesized.templates.data,
        'AWS::KMS::Key',
        'DataKey',
      ) as Resource;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
      const statements = (
        key.Properties.KeyPolicy as { Statement: { Principal?: unknown; Action: unknown }[] }
      ).Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      );
    });
  });

  describe('queues', () => {
    it('creates one request queue per shard, each redriving to the dead-letter queue', () => {
      const { templates } = synthesizeApp({ 'waContactProfile:shardCount': 2 });
      for (const shard of [0, 1]) {
        const queue = resourceByIdPrefix(
          templates.data,
          'AWS::SQS::Queue',
          `ProfileRequestsShard${shard}`,
        ) as Resource;
        expect(queue.Properties).toMatchObject({
          VisibilityTimeout: PROFILE_REQUESTS_QUEUE.visibilityTimeoutSeconds,
          MessageRetentionPeriod: PROFILE_REQUESTS_QUEUE.retentionSeconds,
          SqsManagedSseEnabled: true,
          RedrivePolicy: {
            deadLetterTargetArn: {
              'Fn::GetAtt': [expect.stringMatching(/^ProfileRequestsDlq/), 'Arn'],
            },
            maxReceiveCount: PROFILE_REQUESTS_QUEUE.maxReceiveCount,
          },
        });
      }
      templates.data.resourceCountIs('AWS::SQS::Queue', 3);
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
      expect(policies).toHaveLength(2);
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
