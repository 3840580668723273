import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { KeyAttribute, TableDefinition } from '../../functions/resources/table-definitions.ts';

/**
 * A DynamoDB table built from its shared definition (the local stack builds the same one).
 * Durable tables (tokens, paired sessions) get point-in-time recovery, deletion protection and
 * survive `cdk destroy`; the rest (the cache) can be rebuilt, so they go with the stack.
 */
export function tableFromDefinition(
  scope: Construct,
  definition: TableDefinition,
  encryptionKey: kms.IKey,
): dynamodb.Table {
  const table = new dynamodb.Table(scope, definition.id, {
    partitionKey: toAttribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: toAttribute(definition.sortKey) } : {}),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    // Table, not TableV2: TableV2 needs a concrete region for a customer-managed key, and
    // these stacks stay environment-agnostic so synth needs no credentials.
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey,
    ...(definition.ttlAttribute ? { timeToLiveAttribute: definition.ttlAttribute } : {}),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: definition.durable },
    deletionProtection: definition.durable,
    removalPolicy: definition.durable ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const index of definition.globalSecondaryIndexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: toAttribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: toAttribute(index.sortKey) } : {}),
    });
  }
  if (!definition.durable) {
    Validations.of(table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason: `${definition.id} is not durable: every item can be rebuilt from WhatsApp and expires through TTL, so point-in-time recovery would back up a cache.`,
    });
  }
  return table;
}

function toAttribute(attribute: KeyAttribute): dynamodb.Attribute {
  return {
    name: attribute.name,
    type: attribute.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
  };
}
