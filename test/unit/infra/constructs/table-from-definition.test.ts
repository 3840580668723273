import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import {
  PROFILE_CACHE_TABLE,
  TOKENS_TABLE,
} from '../../../../functions/resources/table-definitions.ts';
import { tableFromDefinition } from '../../../../infra/constructs/table-from-definition.ts';

function synthesize(definition: typeof TOKENS_TABLE | typeof PROFILE_CACHE_TABLE) {
  const stack = new Stack(new App(), 'Tables');
  const key = new kms.Key(stack, 'Key');
  tableFromDefinition(stack, definition, key);
  return Template.fromStack(stack);
}

// Synthesized while the file loads, not inside a test: the first synthesis loads CDK's
// modules, which takes seconds on a busy machine and would count against a test's timeout.
const tokens = synthesize(TOKENS_TABLE);
const cache = synthesize(PROFILE_CACHE_TABLE);

describe('tableFromDefinition', () => {
  it('builds a durable table with its keys, on demand, under the customer key, kept on delete', () => {
    const template = tokens;

    // assert
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: Match.arrayWith([
          { AttributeName: TOKENS_TABLE.partitionKey.name, KeyType: 'HASH' },
        ]),
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('adds the definition’s secondary indexes', () => {
    // prepare
    const indexes: readonly { indexName: string }[] = TOKENS_TABLE.globalSecondaryIndexes;

    const template = tokens;

    // assert
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    const names = (table?.Properties.GlobalSecondaryIndexes ?? []).map(
      (index: { IndexName: string }) => index.IndexName,
    );
    expect(names).toEqual(indexes.map((index) => index.indexName));
    expect(names.length).toBeGreaterThan(0);
  });

  it('builds a cache table that expires through TTL and is destroyed with its stack', () => {
    const template = cache;

    // assert
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({
        TimeToLiveSpecification: {
          AttributeName: PROFILE_CACHE_TABLE.ttlAttribute,
          Enabled: true,
        },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
        DeletionProtectionEnabled: false,
      }),
    });
  });
});
