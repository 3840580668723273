import { beforeAll, describe, expect, it } from 'vitest';
import {
  policyStatementsOfRole,
  type SynthesizedApp,
  synthesizeApp,
} from '../../../support/infra/synthesize-app.ts';
import { importOf, LOG_WRITE, XRAY_WRITE } from '../../../support/infra/template-matchers.ts';

describe('createAdminApiFunction', () => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesizeApp();
  });

  it('lets the admin function write and list tokens, read sessions, keep webhooks and only seal secrets', () => {
    expect(policyStatementsOfRole(synthesized.templates.api, 'AdminHttpRole')).toEqual([
      LOG_WRITE,
      {
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Effect: 'Allow',
        Resource: importOf('Tokens.*Arn'),
      },
      {
        Action: 'dynamodb:Query',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [importOf('Tokens.*Arn'), '/index/byTenant']] },
      },
      {
        // Status and pairing attributes of session partitions only (sessions-table-grants.ts).
        Action: 'dynamodb:GetItem',
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['wa-session#*'] },
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': expect.not.arrayContaining(['creds', 'value']),
          },
          StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
        },
        Effect: 'Allow',
        Resource: importOf('Sessions.*Arn'),
      },
      {
        Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
        Effect: 'Allow',
        Resource: importOf('Webhooks.*Arn'),
      },
      {
        Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
        Effect: 'Allow',
        Resource: importOf('DataKey.*Arn'),
      },
      {
        Action: 'kms:Encrypt',
        Effect: 'Allow',
        Resource: importOf('SessionEventsWebhookSecretKey.*Arn'),
      },
      XRAY_WRITE,
    ]);
  });
});
