import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TOKENS_TABLE } from '../../functions/resources/table-definitions.ts';
import type { StatefulResources } from '../stacks/stateful-stack.ts';
import { ServiceFunction } from './service-function.ts';
import { grantSessionStatusReads } from './sessions-table-grants.ts';

/**
 * The admin function (POST/GET /admin/tokens, DELETE /admin/tokens/{id}, GET /admin/sessions,
 * PUT/GET/DELETE /admin/webhook) and exactly what it needs: token items written and listed
 * through the tenant index (revoking is an UpdateItem), session status and pairing items read,
 * the webhooks table, and Encrypt with the webhook key (it seals a new secret; it never opens
 * one). Made directly in `scope` (the API stack), as the other functions are.
 */
export function createAdminApiFunction(
  scope: Construct,
  props: { data: StatefulResources; logRetention: logs.RetentionDays },
) {
  const { data } = props;
  const events = data.sessionEvents;
  const admin = new ServiceFunction(scope, 'AdminHttp', {
    entry: 'functions/admin-api/handler.ts',
    description: 'Tenant administration: tokens, sessions and the webhook (admin tokens only)',
    memorySize: 512,
    timeout: Duration.seconds(10),
    logRetention: props.logRetention,
    environment: {
      TOKENS_TABLE_NAME: data.tokensTable.tableName,
      SESSIONS_TABLE_NAME: data.sessionsTable.tableName,
      WEBHOOKS_TABLE_NAME: events.webhooksTable.tableName,
      WEBHOOK_SECRET_KEY_ID: events.webhookSecretKey.keyArn,
    },
  });
  const role = admin.role;
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      resources: [data.tokensTable.tableArn],
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [
        `${data.tokensTable.tableArn}/index/${TOKENS_TABLE.globalSecondaryIndexes[0].indexName}`,
      ],
    }),
  );
  // Status and pairing attributes of session partitions only: never a credential.
  grantSessionStatusReads(role, data);
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resources: [events.webhooksTable.tableArn],
    }),
  );
  data.dataKey.grant(role, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');
  events.webhookSecretKey.grant(role, 'kms:Encrypt');
  return admin;
}
